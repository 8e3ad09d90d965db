#!/usr/bin/env bash
# A guided tour of factcheck with the real binary, in a copy of the example newsroom made into a
# git repository. Three sides of the desk: the writer drafts and submits, the fact-checker and
# the medical reviewer verify, the editor signs off and publishes; then an edit after sign-off is
# caught and settled. Every command is printed as you could paste it.
# Usage: bash examples/tour.sh        (needs only the Rust toolchain, git and bash)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cargo build -q --manifest-path "$here/../Cargo.toml"
FC="$here/../target/debug/factcheck"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$here/newsroom/." "$work/"
cd "$work"
export FACTCHECK_NOW=2026-11-28T09:00:00Z

# Replay history as it happened: the reviewers signed the sex-therapy explainer, then the writer
# reworded two of its sentences.
S=articles/sex-therapy.md
cp $S $S.edited
sed -i.bak -e 's/depression often reduces sexual desire/depression often lowers sexual desire/' \
  -e 's/many people need between 5 and 20 sessions/many people need only a few months of sessions/' $S && rm -f $S.bak
git init -q . && git add -A
git -c user.email=sam.checker@example.org -c user.name=Sam commit -qm "The newsroom, as signed off"
mv $S.edited $S
git -c user.email=dana.writer@example.org -c user.name=Dana commit -qam "Reword two sentences"

# Prints a command as it can be pasted (arguments with spaces or quotes single-quoted), then runs it.
quoted() {
  local word out=()
  for word in "$@"; do
    if [[ $word =~ ^[][A-Za-z0-9_./:@=,+-]+$ ]]; then out+=("$word"); else out+=("'${word//\'/\'\\\'\'}'"); fi
  done
  printf '%s' "${out[*]}"
}
step() {
  local title=$1; shift
  printf '\n\033[1m== %s\033[0m\n$ factcheck %s\n' "$title" "$(quoted "$@")"
  "$FC" "$@" || echo "(exit $?)"
}
# Who is acting: the writer, the fact-checker, the medical reviewer, the editor.
commit_as() { git add -A && git -c user.email="$1" -c user.name="$1" commit -qm "$2"; }
W=dana.writer@example.org C=sam.checker@example.org D=dr.lee@example.org E=alex.editor@example.org

printf '\033[1m# The writer drafts a new article\033[0m\n'
A=articles/walking.md
cat > $A <<'EOF'
---
title: Walk more, sit less
author: Dana Writer
---
# Walk more, sit less

Adults should do at least 150 minutes of moderate-intensity physical activity a week.
EOF
step "She starts tracking it" --as $W track $A
step "She quotes the claim as readers see it" --as $W claim add $A --id activity-150 --kind statistic \
  --quote "Adults should do at least 150 minutes of moderate-intensity physical activity a week"
step "She registers the source" --as $W source add $A --id cdc-adults --kind government \
  --url https://www.cdc.gov/physical-activity-basics/guidelines/adults.html \
  --title "Physical activity guidelines for adults" --publisher CDC --published 2023-12-20
step "… cites it" --as $W cite $A activity-150 cdc-adults
step "… and hands the draft to fact-checking" --as $W submit $A
commit_as $W "Draft: walking"

printf '\n\033[1m# The fact-checker and the medical reviewer\033[0m\n'
step "What is there to check?" --as $C claim list $A
step "The writer may not verify her own claim" --as $W verify $A activity-150
step "The fact-checker verifies it" --as $C verify $A activity-150 \
  --note "CDC, from the Physical Activity Guidelines for Americans"
commit_as $C "Verify walking"
step "The gate: only the article sign-offs are missing" -q check $A
step "The medical reviewer signs off the article" --as $D signoff $A --role medical-reviewer
commit_as $D "Medical review: walking"

printf '\n\033[1m# The editor\033[0m\n'
step "Signs off and publishes" --as $E signoff $A --role editor
step "The gate passes" check $A
step "Publish" --as $E publish $A
commit_as $E "Publish walking"

printf '\n\033[1m# An edit after sign-off\033[0m\n'
step "The explainer the writer reworded after sign-off is blocked" -q check $S
step "What the fact-checker has not seen since she signed" --as $C diff --since-signoff $S
step "She re-verifies the reworded claim (records the new words)" --as $C verify $S depression-libido \
  --note "NIMH and NHS: depression commonly reduces libido"
step "Medical claims need the medical reviewer too" --as $D verify $S depression-libido
step "The medical reviewer signs the new version" --as $D signoff $S --role medical-reviewer
step "… and so does the editor" --as $E signoff $S --role editor
step "The gate passes again" check $S
commit_as $E "Re-verify and re-sign the sex-therapy explainer"
step "Where the newsroom stands (the depression draft is still with its writer)" status
