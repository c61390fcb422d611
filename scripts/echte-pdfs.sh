#!/usr/bin/env bash
# Evaluation on real German PDFs that we did not write: eight documents of Debian's package
# texlive-lang-german (LaTeX-typeset manuals, a law-related class, a conference abstract
# with TeX's loose umlaut dots, a three-column command sheet, two manuals with tables), the
# Debian Edu manual for school networks (package debian-edu-doc-de, 104 pages from DBLaTeX,
# justified lines whose words pypdf glues) and a scan: three pages of booktabs-de.pdf
# rendered to grey images without a text layer (booktabs-de-scan.pdf), which only OCR reads.
# Fetched from the Debian archive into a temporary folder and asked the 67 questions of
# eval/echte-pdfs/questions.jsonl (53 answerable, 14 not; 26 "dev", 41 "test").
# Prints the summary; the run lands in eval/runs/. Extra arguments go to 'assistant eval'
# (e.g. --split test). With --nur-holen ORDNER the ten PDFs are only copied into ORDNER
# (for --ablation).
#   bash scripts/echte-pdfs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=""
if [ "${1:-}" = "--nur-holen" ]; then target="${2:?Ordner fehlt}"; shift 2; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download texlive-lang-german debian-edu-doc-de >/dev/null 2>&1) || {
  echo "Fehler: die Debian-Pakete texlive-lang-german und debian-edu-doc-de ließen sich" \
       "nicht laden (apt-get download)." >&2
  exit 1
}
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/deb"; done
mkdir "$work/pdfs"
doc="$work/deb/usr/share/doc/texlive-doc"
for f in latex/milog/milog.pdf latex/lshort-german/l2kurz.pdf texlive/texlive-de/texlive-de.pdf \
         latex/hausarbeit-jura/hausarbeit-jura.pdf latex/fifinddo-info/dante-mv45-lueck.pdf \
         latex/latexcheat-de/latexsheet-de.pdf generic/dehyph-exptl/dehyph-exptl.pdf \
         latex/bibleref-german/de-bibleref-german.pdf; do
  cp "$doc/$f" "$work/pdfs/"
done
cp "$work"/deb/usr/share/doc/debian-edu-doc-de/debian-edu-bookworm-manual.pdf "$work/pdfs/"
# The scan: pages 1-3 of booktabs-de.pdf (title, two example tables, the two rules) as
# 200-dpi grey JPEG images in a PDF without text, so that the assistant has to run OCR.
.venv/bin/python - "$doc/latex/booktabs-de/booktabs-de.pdf" "$work/pdfs/booktabs-de-scan.pdf" \
    <<'PY' || { echo "Fehler: die gescannte Fassung von booktabs-de.pdf ließ sich nicht erzeugen" \
                     "(pypdfium2 und Pillow in .venv nötig)." >&2; exit 1; }
import sys

import pypdfium2 as pdfium

source, scan = sys.argv[1], sys.argv[2]
pdf = pdfium.PdfDocument(source)
pages = [pdf[i].render(scale=200 / 72, grayscale=True).to_pil().convert("L") for i in range(3)]
pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=200, quality=80,
              creationDate=None, modDate=None)  # no dates: the same bytes every time
PY
if [ -n "$target" ]; then
  mkdir -p "$target" && cp "$work"/pdfs/*.pdf "$target/" && echo "PDFs in $target"
  exit 0
fi
.venv/bin/assistant eval --corpus "$work/pdfs" --questions eval/echte-pdfs/questions.jsonl \
  --label echte-pdfs "$@"
