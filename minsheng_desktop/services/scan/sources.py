"""Scanned files in, page images out — every file treated as hostile: its size, page count and pixel count are
bounded before anything is decoded, and a file that is not what it claims is refused with a Chinese message that
says what to do. PDF pages are rendered with pdfium (pypdfium2); PNG, JPEG and TIFF (also multi-page) are decoded
with Pillow. Each page comes with the image kept as evidence and its SHA-256 (the same sheet's image twice is
caught by it): an image file's own bytes, a scanner PDF page's own JPEG, or another PDF page rendered as a grey
JPEG."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...domain.errors import UserError

MAX_FILE = 500 * 1024 * 1024  # a 300-page feeder PDF at 300 dpi stays well below this
MAX_IMAGE_FILE = 60 * 1024 * 1024
MAX_PAGES = 600
MAX_PIXELS = 50_000_000  # a phone's 48-megapixel photo; an A3 sheet at 300 dpi is 17.5 million
MAX_PAGE_MM = 450.0  # the longer side of a PDF page: A3 with room to spare
RENDER_DPI = 200  # scanned PDF pages are rendered this fine (the reader straightens to ~150 dpi)
IMAGE_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}
EXTENSIONS = (".pdf", *IMAGE_TYPES)


@dataclass(frozen=True)
class PageImage:
    file: str
    page: int  # 1-based within the file
    grey: np.ndarray
    evidence: bytes  # the image kept with the ballot
    mime: str
    sha256: str


def _refuse(path: Path, why: str, en: str) -> UserError:
    return UserError(f"“{path.name}”：{why}", en)


def expand(paths: list[str | Path]) -> list[Path]:
    """Files as given, a folder as the scan files inside it (sorted by name, not descending into subfolders)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in EXTENSIONS)
        elif p.is_file():
            if p.suffix.lower() not in EXTENSIONS:
                raise _refuse(p, "不是扫描文件，请选择 PDF、PNG、JPEG 或 TIFF 文件", "not a PDF/PNG/JPEG/TIFF file")
            out.append(p)
        else:
            raise UserError(f"找不到文件“{p}”", f"no such file: {p}")
    return out


def page_count(path: Path) -> int:
    """How many pages a file holds (opened and bounded, nothing decoded)."""
    if path.suffix.lower() == ".pdf":
        with _pdf(path) as pdf:
            return len(pdf)
    with _image(path) as img:
        return int(getattr(img, "n_frames", 1))


def prefetch(paths: list[Path], ahead: int = 2) -> Iterator[PageImage]:
    """Every page of every file, decoded on a helper thread a couple of pages ahead of the reader (pdfium, JPEG
    decoding and OpenCV release the GIL, so both cores work). A refusal is raised where the page would have been."""
    import queue
    import threading

    q: queue.Queue = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for path in paths:
                for image in pages(path):
                    if not put(("page", image)):
                        return
            put(("end", None))
        except BaseException as e:  # delivered to the reader, on its thread
            put(("error", e))

    threading.Thread(target=produce, name="scan-pages", daemon=True).start()
    try:
        while True:
            kind, item = q.get()
            if kind == "end":
                return
            if kind == "error":
                raise item
            yield item
    finally:
        stop.set()


def pages(path: Path) -> Iterator[PageImage]:
    if path.suffix.lower() == ".pdf":
        yield from _pdf_pages(path)
    else:
        yield from _image_pages(path)


class _pdf:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        import pypdfium2 as pdfium

        size = self.path.stat().st_size
        if size > MAX_FILE:
            raise _refuse(self.path, f"文件太大（{size // 2**20} MB），请分成多个 PDF 扫描", "PDF too large")
        with self.path.open("rb") as f:
            if f.read(5) != b"%PDF-":
                raise _refuse(self.path, "不是 PDF 文件（文件已损坏或扩展名不对）", "not a PDF")
        try:
            self.pdf = pdfium.PdfDocument(str(self.path))
        except pdfium.PdfiumError as e:
            raise _refuse(self.path, "PDF 文件已损坏或设有密码，请重新扫描保存", f"unreadable PDF: {e}") from e
        if len(self.pdf) > MAX_PAGES:
            self.pdf.close()
            raise _refuse(self.path, f"有 {len(self.pdf)} 页，超过一次最多 {MAX_PAGES} 页，请分批扫描",
                          "too many pages")
        return self.pdf

    def __exit__(self, *exc) -> None:
        self.pdf.close()


def _scanned_jpeg(page) -> tuple[bytes, float] | None:
    """A scanner's page — one JPEG picture filling the page — as the JPEG's own bytes and its dpi (read directly,
    several times faster than rendering, and the evidence kept is the scanner's own image); None otherwise."""
    import pypdfium2.raw as pdfium_c

    try:
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
        if len(images) != 1 or images[0].get_filters()[-1:] != ["DCTDecode"]:
            return None
        image, (w, h) = images[0], page.get_size()
        m = image.get_matrix()
        px_w, px_h = image.get_px_size()
        if abs(m.b) > 1e-3 or abs(m.c) > 1e-3 or m.a < 0.95 * w or m.d < 0.95 * h or px_w * px_h > MAX_PIXELS:
            return None
        data = bytes(image.get_data(decode_simple=True))
    except Exception:  # anything odd about the picture: render the page instead
        return None
    return (data, px_w / (w / 72)) if data[:2] == b"\xff\xd8" else None


def _decode_jpeg(data: bytes, dpi: float) -> np.ndarray | None:
    import cv2

    flag = cv2.IMREAD_REDUCED_GRAYSCALE_2 if dpi >= 280 else cv2.IMREAD_GRAYSCALE  # the reader works at ~150 dpi
    grey = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    return None if grey is None or grey.size == 0 else np.ascontiguousarray(grey)


def _pdf_pages(path: Path) -> Iterator[PageImage]:
    import cv2

    with _pdf(path) as pdf:
        for i in range(len(pdf)):
            page = pdf[i]
            w, h = page.get_size()
            if max(w, h) / 72 * 25.4 > MAX_PAGE_MM or min(w, h) < 72:
                raise _refuse(path, f"第 {i + 1} 页的页面尺寸不是 A4 或 A3 选票", "page size out of range")
            scanned = _scanned_jpeg(page)
            grey = _decode_jpeg(*scanned) if scanned is not None else None
            if scanned is not None and grey is not None:
                data = scanned[0]
            else:
                bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
                grey = np.ascontiguousarray(bitmap.to_numpy().reshape(bitmap.height, bitmap.width, -1)[..., 0])
                ok, jpeg = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 85])
                data = jpeg.tobytes() if ok else b""
            page.close()
            yield PageImage(path.name, i + 1, grey, data, "image/jpeg", hashlib.sha256(data).hexdigest())


class _image:
    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        from PIL import Image

        size = self.path.stat().st_size
        if size > MAX_IMAGE_FILE:
            raise _refuse(self.path, f"图片太大（{size // 2**20} MB），扫描分辨率请用 150～300 dpi", "image too large")
        try:
            self.img = Image.open(self.path)
        except Image.DecompressionBombError as e:
            raise _refuse(self.path, "图片像素过多（可能是恶意构造的文件），请用 150～300 dpi 重新扫描",
                          "too many pixels") from e
        except Exception as e:  # Pillow raises many kinds for a bad file
            raise _refuse(self.path, "不是能打开的图片（文件已损坏或扩展名不对）", f"unreadable image: {e}") from e
        if self.img.format not in ("PNG", "JPEG", "TIFF", "MPO"):
            self.img.close()
            raise _refuse(self.path, "只能读取 PNG、JPEG 或 TIFF 图片", "unsupported image type")
        if self.img.width * self.img.height > MAX_PIXELS:
            self.img.close()
            raise _refuse(self.path, f"图片像素过多（{self.img.width}×{self.img.height}），请用 150～300 dpi 扫描",
                          "too many pixels")
        if int(getattr(self.img, "n_frames", 1)) > MAX_PAGES:
            self.img.close()
            raise _refuse(self.path, f"页数超过一次最多 {MAX_PAGES} 页，请分批扫描", "too many pages")
        return self.img

    def __exit__(self, *exc) -> None:
        self.img.close()


def _image_pages(path: Path) -> Iterator[PageImage]:
    from PIL import ImageOps

    raw = path.read_bytes()
    with _image(path) as img:
        frames = int(getattr(img, "n_frames", 1))
        for i in range(frames):
            img.seek(i)
            if img.width * img.height > MAX_PIXELS:
                raise _refuse(path, f"第 {i + 1} 页像素过多，请用 150～300 dpi 扫描", "too many pixels")
            try:
                grey = np.asarray(ImageOps.exif_transpose(img).convert("L"))
            except Exception as e:
                raise _refuse(path, "图片内容已损坏，请重新扫描保存", f"broken image data: {e}") from e
            if frames == 1:
                data, mime = raw, {"PNG": "image/png", "TIFF": "image/tiff"}.get(img.format or "", "image/jpeg")
            else:
                buf = io.BytesIO()
                img.convert("L").save(buf, "PNG")
                data, mime = buf.getvalue(), "image/png"
            yield PageImage(path.name, i + 1, np.ascontiguousarray(grey), data, mime, hashlib.sha256(data).hexdigest())
