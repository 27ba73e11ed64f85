"""Writes the files of the hostile-input suite (scripts/hostile.sh, issue #19 point 10) into a folder.

    python3 hostile-files.py FOLDER TINY_FILES

FOLDER/hostile/   the hostile files, each named for what it is (see HOSTILE below)
FOLDER/tiny/      TINY_FILES distinct one-line texts (the flood beside them)
FOLDER/crash/     one 9 MB page whose cleaning takes seconds: the suite kills the cleaner while it works on it

Each file is written in pieces, so the generator itself stays small in memory.
"""
import os
import random
import sys
import zipfile
import zlib

MIB = 1024 * 1024


def write(path, chunks):
    with open(path, "wb") as f:
        for chunk in chunks:
            f.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))


def repeated(unit, times):
    block = unit * 4096
    for _ in range(times // 4096):
        yield block
    yield unit * (times % 4096)


def deep_divs():
    yield "<html><body>"
    yield from repeated("<div>", 200_000)
    yield "deep"
    yield from repeated("</div>", 200_000)
    yield "</body></html>"


def pdf_bomb(inflated_bytes):
    """A one-page PDF whose content stream inflates to inflated_bytes of spaces after one line of text."""
    deflate = zlib.compressobj(9)
    parts = [deflate.compress(b"BT /F1 12 Tf 72 712 Td (Text before a bomb.) Tj ET\n")]
    spaces = b" " * MIB
    for _ in range(inflated_bytes // MIB):
        parts.append(deflate.compress(spaces))
    parts.append(deflate.flush())
    stream = b"".join(parts)
    out, offsets = bytearray(b"%PDF-1.4\n"), []

    def obj(body):
        offsets.append(len(out))
        out.extend(b"%d 0 obj\n" % len(offsets) + body + b"\nendobj\n")

    obj(b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>")
    obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    obj(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    xref = len(out)
    out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for offset in offsets:
        out.extend(b"%010d 00000 n \n" % offset)
    out.extend(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return bytes(out)


WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')


def docx(path, document_chunks):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as entry:
            for chunk in document_chunks:
                entry.write(chunk.encode("utf-8"))


def docx_bomb():
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>'
    yield from repeated("a", 256 * MIB)
    yield "</w:t></w:r></w:p></w:body></w:document>"


def docx_dtd():
    yield (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           f'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r>'
           '<w:t>&c;&c;&c;&c;</w:t></w:r></w:p></w:body></w:document>')


WORDS = ("artificial intelligence governance policy regulation committee assembly resolution framework safety model "
         "data privacy transparency accountability audit risk standard export control compute research oversight").split()


def prose(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def one_line_markdown(rng):
    line = []
    size = 0
    while size < MIB:
        sentence = "The **" + prose(rng, 2) + "** " + prose(rng, 14) + ". "
        line.append(sentence)
        size += len(sentence)
    yield "".join(line)


def crash_page(rng):
    yield "<html><head><title>A page that takes the cleaner seconds</title></head><body><article>"
    size = 0
    while size < 9 * 1000 * 1000 - 2000:
        paragraph = "<p>" + prose(rng, 140) + ", and more.</p>\n"
        size += len(paragraph)
        yield paragraph
    yield "</article></body></html>"


HOSTILE = {
    "deep-divs.html": deep_divs,
    "stars.md": lambda: repeated("**a ", 250_000),
    "nav-40k.html": lambda: ["<html><body>", *repeated("<nav>a", 40_000), "</body></html>"],
    "backticks.md": lambda: repeated("`", MIB),
    "one-line.md": lambda: one_line_markdown(random.Random(7)),
    "too-large.txt": lambda: repeated("a", 10 * MIB + 1),
    "binary.txt": lambda: [bytes(range(256)) * 64],
    "empty-1.txt": lambda: [],
    "empty-2.md": lambda: [],
}


def main():
    folder, tiny_files = sys.argv[1], int(sys.argv[2])
    for sub in ("hostile", "tiny", "crash"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    for name, chunks in HOSTILE.items():
        write(os.path.join(folder, "hostile", name), chunks())
    with open(os.path.join(folder, "hostile", "pdf-bomb.pdf"), "wb") as f:
        f.write(pdf_bomb(500 * MIB))
    docx(os.path.join(folder, "hostile", "docx-bomb.docx"), docx_bomb())
    docx(os.path.join(folder, "hostile", "docx-dtd.docx"), docx_dtd())
    rng = random.Random(11)
    for i in range(1, tiny_files + 1):
        write(os.path.join(folder, "tiny", "t-%05d.txt" % i), [f"Note {i}: {prose(rng, 6)}.\n"])
    write(os.path.join(folder, "crash", "slow-page.html"), crash_page(random.Random(13)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
