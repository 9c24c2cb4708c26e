import sys, json, urllib.request
addr = sys.argv[1]
req = urllib.request.Request("https://api.mainnet-beta.solana.com", data=json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getBalance", "params": [addr]}).encode(), headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["result"]["value"] / 1e9, "SOL")
