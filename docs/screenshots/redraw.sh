#!/usr/bin/env bash
# Redraws every picture in docs/screenshots from the current build, and prints the README's text
# captures beside the commands that make them, to paste where the README shows them.
#
#   cargo build --release && docs/screenshots/redraw.sh
#
# Needs Pillow for the PNGs (pip install pillow) and the DejaVu Sans Mono font.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${KREDSKORT:-target/release/kredskort}
out=docs/screenshots
rounds=tests/fixtures/rounds
shipped=assets/forebyggelse-2014.toml
# A fixed environment: no configuration file of the user's, truecolour as the pictures show it.
export XDG_CONFIG_HOME=/nonexistent COLORTERM=truecolor
unset NO_COLOR

png() { # NAME SIZE KEYS FILE...
    local name=$1 size=$2 keys=$3
    shift 3
    "$bin" render --color --size "$size" --keys "$keys" "$@" | python3 "$out/ansi2png.py" "$out/$name.png"
    echo "wrote $out/$name.png ($size, keys '$keys')"
}

png overview 120x36 '' "$shipped"
png project 120x36 '<Enter><Enter>' "$shipped"
png tiles 80x24 'm' "$shipped"
png change 100x12 ']]d' "$rounds/runde-2016.toml" "$rounds/runde-2018.toml" "$rounds/runde-2020.toml"
png change-map 150x40 ']d' "$shipped" "$rounds/politi-2016-syntetisk.toml"

capture() { # the README's text blocks: the command, then the screen
    echo
    echo "\$ $*"
    env -u COLORTERM "$@"
}
capture "$bin" render --size 100x30 --keys 'm<Enter>'
NO_COLOR=1 capture "$bin" render --size 100x30
capture "$bin" render --size 100x12 --keys ']]d' "$rounds/runde-2016.toml" "$rounds/runde-2018.toml" "$rounds/runde-2020.toml"
