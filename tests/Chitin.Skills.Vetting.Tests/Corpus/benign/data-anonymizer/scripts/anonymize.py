import argparse, csv, hashlib, os, sys

parser = argparse.ArgumentParser()
parser.add_argument("path")
parser.add_argument("--columns", required=True)
parser.add_argument("--salt-env", default="ANON_SALT")
args = parser.parse_args()
salt = os.environ.get(args.salt_env, "")
columns = set(args.columns.split(","))

with open(args.path, newline="") as handle:
    reader = csv.DictReader(handle)
    writer = csv.DictWriter(sys.stdout, fieldnames=reader.fieldnames)
    writer.writeheader()
    for row in reader:
        for column in columns & set(row):
            row[column] = hashlib.sha256((salt + row[column]).encode()).hexdigest()[:16]
        writer.writerow(row)
