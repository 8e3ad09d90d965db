#!/usr/bin/env bash
# A guided tour of factcheck with the real binary: copies the example newsroom into a temp dir,
# makes it a git repository, and walks writer → fact-checker → edit → stale → re-verify → publish.
# Usage: bash examples/tour.sh        (needs only the Rust toolchain and bash)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cargo build -q --manifest-path "$here/../Cargo.toml"
FC="$here/../target/debug/factcheck"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -R "$here/newsroom/." "$work/"
cd "$work"
A=articles/sex-therapy.md
# Replay history as it happened: the reviewers signed the explainer, then the writer edited it.
cp $A $A.edited
sed -i.bak -e 's/depression often reduces sexual desire/depression often lowers sexual desire/' \
  -e 's/many people need between 5 and 20 sessions/many people need only a few months of sessions/' $A && rm -f $A.bak
git init -q . && git add -A && git -c user.email=sam.checker@example.org -c user.name=Sam commit -qm "newsroom, as signed off"
mv $A.edited $A && git -c user.email=dana.writer@example.org -c user.name=Dana commit -qam "Reword two sentences of the sex therapy explainer"
export FACTCHECK_NOW=2026-11-28T09:00:00Z
step() { printf '\n\033[1m== %s\033[0m\n$ factcheck %s\n' "$1" "${*:2}"; "$FC" "${@:2}" || echo "(exit $?)"; }

W="--as dana.writer@example.org"; C="--as sam.checker@example.org"
D="--as dr.lee@example.org"; E="--as alex.editor@example.org"

step "Where the newsroom stands" status
step "Why the sex-therapy explainer is blocked: the writer edited it after sign-off" check $A
step "What the reviewers have not seen: the diff since their sign-off" diff --since-signoff $A
step "Who did what to this article, from git" log $A
step "The fact-checker lists its claims" $C claim list $A
step "The writer may not verify her own work" $W verify $A depression-libido
step "The fact-checker re-verifies the reworded claim (records the new words)" $C verify $A depression-libido --note "NIMH and NHS: depression commonly reduces libido"
step "Medical claims need the medical reviewer too" $D verify $A depression-libido
step "Article sign-offs are still stale: the text changed since they signed" check $A
step "The medical reviewer signs off the article" $D signoff $A --role medical-reviewer
step "The editor signs off" $E signoff $A --role editor
step "The gate passes" check $A
step "The editor publishes" $E publish $A
printf "\n\033[1m== A writer edits the published article without a correction note\033[0m\n"
sed -i.bak 's/Erectile dysfunction becomes more common with age./Erectile dysfunction becomes more common with age, but it is not an inevitable part of ageing./' $A && rm -f $A.bak
"$FC" check $A || echo "(exit $?: caught, FC040 and stale article sign-offs)"
step "The editor records a correction and signs off again" $E correct $A --note "Added that erectile dysfunction is not inevitable with age."
"$FC" -q $D signoff $A --role medical-reviewer && "$FC" -q $E signoff $A --role editor
step "Green again" status
step "The draft next door still has many blocking findings (JSON for CI)" check articles/depression-explained.md --format json
