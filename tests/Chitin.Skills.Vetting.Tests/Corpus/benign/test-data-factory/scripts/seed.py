import argparse, base64, json, random
from faker import Faker

fake = Faker()
parser = argparse.ArgumentParser()
parser.add_argument("--users", type=int, default=10)
parser.add_argument("--orders", type=int, default=30)
args = parser.parse_args()

users = [{"id": i, "name": fake.name(), "email": fake.email(), "avatar": base64.b64encode(b"placeholder").decode()} for i in range(args.users)]
orders = [{"id": i, "user_id": random.randrange(args.users), "total": round(random.uniform(5, 500), 2)} for i in range(args.orders)]
print(json.dumps({"users": users, "orders": orders}, indent=2))
