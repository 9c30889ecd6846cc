class VietnameseFirstMiddleware:
    """Vietnamese unless the user picked another language with the switch.

    Officials' browsers are often set to English; the product should still open in
    Vietnamese, so the browser's Accept-Language is not consulted. Goes right before
    LocaleMiddleware, which then reads only the language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
