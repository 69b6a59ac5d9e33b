#!/usr/bin/env bash
# Loads the demo into a throwaway database and checks one delegate in from the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/setup >/dev/null
db=$(mktemp -d)/demo.sqlite3
# The demo's database is encrypted like any other, under its published passphrase (README).
export CHECKIN_DB_KEY=forum-checkin-demo
.venv/bin/checkin --db "$db" demo >/dev/null
reg=$(.venv/bin/python - "$db" <<'PY'
import sys
from checkin.store.db import open_database
from checkin.events.demo import demo_examples
from checkin.events.service import get_event
open_database(sys.argv[1])
print(demo_examples(get_event())["adult_ready"])
PY
)
token=$(CHECKIN_PIN=314159 .venv/bin/checkin --db "$db" attendees token "$reg" --staff organiser | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["token"])')
echo "scanning $reg: $token"
CHECKIN_PIN=4826 .venv/bin/checkin --db "$db" scan "$token" --station "Desk 1" --staff desk
