"""Create a province with its first admin (the site-level operator's action), e.g.

    python manage.py create_province "Đồng Nai" --admin admin.dongnai --last-name "Nguyễn Thị" \\
        --first-name "Lan" --password-env PROVINCE_ADMIN_PASSWORD

The code is made from the name ("Đồng Nai" gives dong-nai) unless --code says otherwise. The
password is read from the environment variable named, or asked for at the terminal.
"""

import getpass
import os

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from blocs import services
from blocs.models import User


class Command(BaseCommand):
    help = "Tạo một tỉnh cùng quản trị tỉnh đầu tiên. Create a province with its first admin."

    def add_arguments(self, parser):
        parser.add_argument("name", help="tên tỉnh, vd. Đồng Nai")
        parser.add_argument("--code", default="", help="mã tỉnh; để trống thì tạo từ tên (dong-nai)")
        parser.add_argument("--awards-office", default="Sở Nội vụ", help="cơ quan thường trực")
        parser.add_argument("--admin", required=True, help="tên đăng nhập của quản trị tỉnh")
        parser.add_argument("--last-name", default="", help="họ và tên đệm")
        parser.add_argument("--first-name", default="", help="tên")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-env", default="", help="biến môi trường chứa mật khẩu")

    def handle(self, *args, name, code, awards_office, admin, last_name, first_name, email, password_env, **options):
        if password_env:
            password = os.environ.get(password_env, "")
            if not password:
                raise CommandError(f"Biến môi trường {password_env} trống.")
        else:
            password = getpass.getpass("Mật khẩu của quản trị tỉnh: ")
        user = User(username=admin, last_name=last_name, first_name=first_name, email=email)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        try:
            province, user = services.province_create_with_admin(
                actor=services.system_actor(), name=name, code=code, awards_office=awards_office, admin=user
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Đã tạo tỉnh {province.name} (mã {province.code}), quản trị tỉnh: {user.username}.")
