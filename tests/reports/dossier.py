"""What the award dossier tests expect of seed 000's dossier, and reading a DOCX back as text."""

import io

from docx import Document

from tests.reports.pdf import squash

NOMINEES = [
    "Bảo hiểm xã hội tỉnh",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Giáo dục và Đào tạo",
    "Sở Khoa học và Công nghệ",
]
DECREE_2017 = "Nghị định số 91/2017/NĐ-CP"
FORM_2017 = "Mẫu số 01, Phụ lục ban hành kèm theo Nghị định số 91/2017/NĐ-CP"
FORM_2024 = "Mẫu số 02, Phụ lục I ban hành kèm theo Nghị định số 98/2023/NĐ-CP"
FORM_2026 = (
    "Mẫu số 03, Phụ lục mẫu văn bản áp dụng trong hồ sơ thủ tục khen thưởng ban hành kèm theo "
    "Nghị định số 152/2025/NĐ-CP"
)


def docx_text(data):
    """The paragraphs and table cells of a DOCX given as bytes, as one line of text."""
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return squash(" ".join([p.text for p in document.paragraphs] + cells))
