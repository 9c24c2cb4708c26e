print("Portfolio: BTC 0.5, ETH 3.2")
