#!/usr/bin/env bash
# Regenerates the sidecars of examples/hugo-site (a Hugo layout: hugo.toml, content/posts/ with
# shortcodes) by running the real commands, so the example matches the tool's formats. The
# claims quote what a reader of the built site sees: a link whose target is a shortcode, a
# figure's caption, the text a paired shortcode wraps, words inside an HTML card.
# Usage: bash examples/build-hugo-site.sh; review the git diff before committing.
set -euo pipefail
cd "$(dirname "$0")/hugo-site"
cargo build -q --manifest-path ../../Cargo.toml
FC=../../target/debug/factcheck
rm -f content/posts/*.claims.yaml
export FACTCHECK_NOW=2026-11-01T09:00:00Z
W="--as dana.writer@example.org"; C="--as sam.checker@example.org"
A=content/posts/hand-washing.md
$FC -q $W track $A
$FC -q $W source add $A --id cdc-handwashing --url https://www.cdc.gov/clean-hands/about/index.html --title "About Handwashing" --publisher "Centers for Disease Control and Prevention" --kind government --accessed 2026-10-29
$FC -q $W claim add $A --id scrub-20-seconds --kind medical --quote "you should scrub your hands for at least 20 seconds" --source cdc-handwashing
$FC -q $W claim add $A --id caption-birthday --kind medical --quote "Scrubbing for 20 seconds is about as long as humming the Happy Birthday song twice" --source cdc-handwashing
$FC -q $W claim add $A --id sanitizer-60 --kind medical --quote "Hand sanitizers that contain at least 60% alcohol work when soap and water are not available" --source cdc-handwashing
$FC -q $W claim add $A --id colds-16-21 --kind statistic --quote "reduces respiratory illnesses like colds by 16 to 21 percent" --source cdc-handwashing
$FC -q $C verify $A scrub-20-seconds --status verified
B=content/posts/flu-season.md
$FC -q $W track $B
$FC -q $W source add $B --id cdc-flu-vaccine --url https://www.cdc.gov/flu/vaccines/index.html --title "Seasonal Flu Vaccine Basics" --publisher "Centers for Disease Control and Prevention" --kind government --accessed 2026-10-29
$FC -q $W claim add $B --id six-months --kind medical --quote "Everyone 6 months and older should get a flu vaccine every season" --source cdc-flu-vaccine
$FC -q $W claim add $B --id sept-oct --kind medical --quote "The best time to get vaccinated is in September or October" --source cdc-flu-vaccine
$FC -q $W claim add $B --id viruses-change --kind medical --quote "Flu viruses change constantly" --source cdc-flu-vaccine
