import argparse
import pandas as pd
import matplotlib.pyplot as plt

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--group-by", required=True)
parser.add_argument("--value", required=True)
args = parser.parse_args()

df = pd.read_csv(args.path)
summary = df.groupby(args.group_by)[args.value].agg(["sum", "mean", "count"]).sort_values("sum", ascending=False)
print(summary.to_markdown())
summary["sum"].plot(kind="bar")
plt.tight_layout()
plt.savefig("chart.png")
