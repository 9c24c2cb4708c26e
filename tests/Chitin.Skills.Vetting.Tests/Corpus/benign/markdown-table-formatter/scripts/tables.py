import re, sys

def format_table(lines):
    rows = [[c.strip() for c in l.strip().strip("|").split("|")] for l in lines]
    widths = [max(len(r[i]) for r in rows if i < len(r)) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [("-" * widths[i]) if set(c) <= set("-:") else c.ljust(widths[i]) for i, c in enumerate(r)]
        out.append("| " + " | ".join(cells) + " |")
    return out

text = open(sys.argv[1]).read().splitlines()
result, block = [], []
for line in text + [""]:
    if re.match(r"^\s*\|", line):
        block.append(line)
        continue
    if block:
        result.extend(format_table(block))
        block = []
    result.append(line)
output = "\n".join(result[:-1]) + "\n"
if "--in-place" in sys.argv:
    open(sys.argv[1], "w").write(output)
else:
    print(output, end="")
