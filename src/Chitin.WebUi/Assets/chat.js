// Chat page: wired to the gateway's /ws event stream once it exists.
export {};
