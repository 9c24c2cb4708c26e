import sys, csv, pathlib
import pdfplumber

path = sys.argv[1]
out = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else None
with pdfplumber.open(path) as pdf:
    for number, page in enumerate(pdf.pages, start=1):
        print(page.extract_text() or "")
        if out:
            out.mkdir(parents=True, exist_ok=True)
            for index, table in enumerate(page.extract_tables()):
                with open(out / f"page{number}_table{index}.csv", "w", newline="") as handle:
                    csv.writer(handle).writerows(table)
