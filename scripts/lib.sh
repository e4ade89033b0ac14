# Shared by the scripts: paths, PATH for the tools, step banners.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/end2end/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step() {
  printf '\n\033[1;32m==> %s\033[0m\n' "$*"
}

# Where cargo puts build output (honours CARGO_TARGET_DIR).
target_dir() {
  cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}
