#!/usr/bin/env bash
# Regenerates the sidecars of examples/newsroom from its articles by running the real factcheck
# commands a newsroom would run (writer, fact-checker, medical reviewer, editor), so the example
# always matches the tool's own formats. Usage: bash examples/build-newsroom.sh
# It rewrites examples/newsroom/articles/*.claims.yaml; review the git diff before committing.
set -euo pipefail
cd "$(dirname "$0")/newsroom"
cargo build -q --manifest-path ../../Cargo.toml
FC=../../target/debug/factcheck
rm -f articles/*.claims.yaml
at() { export FACTCHECK_NOW="$1"; }
W="--as dana.writer@example.org"; C="--as sam.checker@example.org"
D="--as dr.lee@example.org"; E="--as alex.editor@example.org"
src() { $FC -q $W source add "$@"; }
claim() { $FC -q $W claim add "$@"; }

# ---------------------------------------------------------------- sleep: verified and published
A=articles/sleep-and-health.md
at 2026-10-28T09:00:00Z
$FC -q $W track $A
src $A --id cdc-about-sleep --url https://www.cdc.gov/sleep/about/index.html --title "About Sleep" --publisher "Centers for Disease Control and Prevention" --kind government --published 2024-05-15 --accessed 2026-10-27 --excerpt "Adults: 7 or more hours per night"
src $A --id nhlbi-how-much-sleep --url https://www.nhlbi.nih.gov/health/sleep/how-much-sleep --title "How Much Sleep Is Enough?" --publisher "National Heart, Lung, and Blood Institute" --kind government --published 2022-03-24 --accessed 2026-10-27
src $A --id cdc-sleep-facts --url https://www.cdc.gov/sleep/data-research/facts-stats/index.html --title "Sleep Facts and Stats" --publisher "Centers for Disease Control and Prevention" --kind government --published 2024-05-15 --accessed 2026-10-27
src $A --id ninds-brain-basics --url https://www.ninds.nih.gov/health-information/public-education/brain-basics/brain-basics-understanding-sleep --title "Brain Basics: Understanding Sleep" --publisher "National Institute of Neurological Disorders and Stroke" --kind government --published 2024-08-02 --accessed 2026-10-27
src $A --id nhlbi-sleep-stages --url https://www.nhlbi.nih.gov/health/sleep/stages-of-sleep --title "How Sleep Works: Sleep Stages" --publisher "National Heart, Lung, and Blood Institute" --kind government --published 2022-03-24 --accessed 2026-10-27
src $A --id nhlbi-sleep-deprivation --url https://www.nhlbi.nih.gov/health/sleep-deprivation --title "What Are Sleep Deprivation and Deficiency?" --publisher "National Heart, Lung, and Blood Institute" --kind government --published 2022-03-24 --accessed 2026-10-27
src $A --id nia-good-sleep --url https://www.nia.nih.gov/health/sleep/good-nights-sleep --title "A Good Night's Sleep" --publisher "National Institute on Aging" --kind government --published 2024-11-01 --accessed 2026-10-27
src $A --id nhtsa-drowsy --url https://www.nhtsa.gov/risky-driving/drowsy-driving --title "Drowsy Driving" --publisher "National Highway Traffic Safety Administration" --kind government --published 2023-09-01 --accessed 2026-10-27
src $A --id interview-lee --url https://newsroom.example.org/interviews/2026-10-30-jordan-lee --title "Interview with Dr. Jordan Lee (recording)" --publisher "Example Health" --kind interview --published 2026-10-26 --accessed 2026-10-26
src $A --id va-dod-insomnia --url https://www.healthquality.va.gov/guidelines/CD/insomnia/ --title "VA/DoD Clinical Practice Guideline for the Management of Chronic Insomnia Disorder and Obstructive Sleep Apnea" --publisher "U.S. Department of Veterans Affairs and Department of Defense" --kind clinical-guideline --published 2025-01-15 --accessed 2026-10-27
src $A --id nhlbi-insomnia-treatment --url https://www.nhlbi.nih.gov/health/insomnia/treatment --title "Insomnia: Treatment" --publisher "National Heart, Lung, and Blood Institute" --kind government --published 2022-03-24 --accessed 2026-10-27
claim $A --id adults-7-hours --kind medical --occurrence 1 --quote "Adults need 7 or more hours of sleep per night" --source cdc-about-sleep --source nhlbi-how-much-sleep
claim $A --id teens-8-10-hours --kind medical --quote "Teenagers need more: between 8 and 10 hours every 24 hours" --source cdc-about-sleep --source nhlbi-how-much-sleep
claim $A --id one-in-three-short-sleep --kind statistic --quote "About one in three US adults reports usually getting less sleep than recommended" --source cdc-sleep-facts
claim $A --id caption-adults-7-hours --kind medical --occurrence 2 --quote "Adults need 7 or more hours of sleep per night" --source cdc-about-sleep --source nhlbi-how-much-sleep
claim $A --id sleep-cycle-90-minutes --kind medical --quote "each full cycle through the stages takes about 90 minutes" --source ninds-brain-basics --source nhlbi-sleep-stages
claim $A --id short-sleep-chronic-disease --kind causal --quote "Not getting enough sleep is linked to many chronic health problems, including heart disease, kidney disease, high blood pressure, diabetes, stroke, obesity and depression" --source nhlbi-sleep-deprivation --source cdc-about-sleep
claim $A --id sleep-deficiency-injury --kind causal --quote "Sleep deficiency also raises the risk of injury" --source nhlbi-sleep-deprivation --source nia-good-sleep
claim $A --id drowsy-driving-crashes --kind statistic --quote "drowsy driving causes thousands of crashes every year" --source nhtsa-drowsy
claim $A --id lee-sleep-diet-exercise --kind quotation --quote "Sleep is as important to health as diet and exercise" --source interview-lee
claim $A --id regular-schedule --quote "Go to bed and wake up at the same time each day, including weekends" --source cdc-about-sleep
claim $A --id cbti-first-line --kind medical --quote "Cognitive behavioral therapy for insomnia (CBT-I) is the recommended first treatment for chronic insomnia in adults" --source va-dod-insomnia --source nhlbi-insomnia-treatment
claim $A --id caption-sleep-by-age --kind statistic --quote "Recommended sleep falls with age, from up to 17 hours for newborns to 7 or more for adults" --source cdc-about-sleep
$FC -q $W submit $A
at 2026-10-30T14:00:00Z
for c in adults-7-hours teens-8-10-hours one-in-three-short-sleep caption-adults-7-hours sleep-cycle-90-minutes short-sleep-chronic-disease sleep-deficiency-injury drowsy-driving-crashes lee-sleep-diet-exercise regular-schedule cbti-first-line caption-sleep-by-age; do
  $FC -q $C verify $A $c --status verified
done
at 2026-10-31T10:00:00Z
for c in adults-7-hours teens-8-10-hours caption-adults-7-hours sleep-cycle-90-minutes short-sleep-chronic-disease sleep-deficiency-injury cbti-first-line; do
  $FC -q $D verify $A $c --status verified
done
$FC -q $D signoff $A --role medical-reviewer
at 2026-11-01T09:00:00Z
$FC -q $E signoff $A --role editor
at 2026-11-02T08:00:00Z
$FC -q $E publish $A

# ------------------------------------------------- depression: a draft with many blocking findings
A=articles/depression-explained.md
at 2026-11-20T09:00:00Z
$FC -q $W track $A
src $A --id who-depression --url https://www.who.int/news-room/fact-sheets/detail/depression --title "Depressive disorder (depression)" --publisher "World Health Organization" --kind government --published 2023-03-31 --excerpt "An estimated 3.8% of the population experience depression, including 5% among adults"
src $A --id nimh-depression --url https://www.nimh.nih.gov/health/topics/depression --title "Depression" --publisher "National Institute of Mental Health" --kind government --published 2024-06-01
src $A --id moncrieff-2022 --url https://doi.org/10.1038/s41380-022-01661-0 --title "The serotonin theory of depression: a systematic umbrella review of the evidence" --publisher "Molecular Psychiatry" --kind peer-reviewed --published 2022-07-20 --excerpt "The main areas of serotonin research provide no consistent evidence of there being an association between serotonin and depression"
src $A --id harvard-what-causes --url https://www.health.harvard.edu/mind-and-mood/what-causes-depression --title "What causes depression?" --publisher "Harvard Health Publishing" --kind other --published 2022-01-10
src $A --id nice-ng222 --url https://www.nice.org.uk/guidance/ng222 --title "Depression in adults: treatment and management (NG222)" --publisher "National Institute for Health and Care Excellence" --kind clinical-guideline --published 2022-06-29
src $A --id cipriani-2018 --url "https://doi.org/10.1016/S0140-6736(17)32802-7" --title "Comparative efficacy and acceptability of 21 antidepressant drugs for the acute treatment of adults with major depressive disorder" --publisher "The Lancet" --kind peer-reviewed --published 2018-02-21
src $A --id nhs-depression-treatment --url https://www.nhs.uk/mental-health/conditions/depression-in-adults/treatment/ --title "Depression in adults: treatment" --publisher "NHS" --kind government
src $A --id samhsa-988 --url https://www.samhsa.gov/find-help/988 --title "988 Suicide & Crisis Lifeline" --publisher "Substance Abuse and Mental Health Services Administration" --kind government --published 2024-07-16
src $A --id nchs-depression-2023 --url https://www.cdc.gov/nchs/products/databriefs/db527.htm --title "Depression Prevalence in Adolescents and Adults: United States, August 2021-August 2023" --publisher "National Center for Health Statistics" --kind government --published 2025-04-16
claim $A --id who-5-percent --kind statistic --quote "An estimated 5% of adults worldwide live with depression" --source who-depression
claim $A --id women-50-percent --kind statistic --quote "Depression is about 50% more common among women than among men" --source who-depression
claim $A --id caption-280-million --kind statistic --quote "More than 280 million people in the world have depression" --source harvard-what-causes
claim $A --id chemical-imbalance --kind medical --quote "Depression is caused by a chemical imbalance in the brain, specifically a lack of serotonin" --source moncrieff-2022 --source nimh-depression
claim $A --id multifactorial --kind causal --quote "a combination of genetic, biological, environmental and psychological factors plays a role" --source nimh-depression
claim $A --id runs-in-families --kind medical --quote "Depression can run in families" --source nimh-depression --source harvard-what-causes
claim $A --id two-weeks --kind medical --quote "symptoms must be present most of the day, nearly every day, for at least two weeks" --source nimh-depression --source nice-ng222
claim $A --id antidepressants-week --kind medical --quote "Antidepressants work for everyone within a week" --source cipriani-2018 --source nice-ng222
claim $A --id psychotherapy-effective --kind medical --quote "Psychotherapy, such as cognitive behavioral therapy, is an effective treatment for depression" --source nimh-depression
claim $A --id stepped-care --kind medical --quote "guidelines recommend offering guided self-help, group exercise or talking therapy before medication" --source nice-ng222 --source nhs-depression-treatment
claim $A --id caption-talking-therapies --kind medical --quote "Talking therapies help most people with mild depression" --source nhs-depression-treatment --source nice-ng222
claim $A --id lifeline-988 --quote "call or text 988 in the United States to reach the Suicide and Crisis Lifeline" --source samhsa-988
at 2026-11-21T11:00:00Z
$FC -q $C verify $A who-5-percent
$FC -q $C verify $A caption-280-million
$FC -q $C verify $A chemical-imbalance --status disputed --note "The serotonin-deficiency account is not supported by the evidence (Moncrieff et al. 2022); NIMH describes depression as multifactorial. Reword as a disputed hypothesis or remove."
$FC -q $C verify $A two-weeks
$FC -q $C verify $A antidepressants-week --status false --note "Antidepressants typically take several weeks to work and do not work for everyone (NICE NG222)."
$FC -q $C verify $A lifeline-988
# Hand edits a fact-checker would not make: they show what the gate catches.
python3 - "$A" <<'PY'
import sys, re
p = sys.argv[1].replace('.md', '.claims.yaml')
s = open(p).read()
# The writer signs off her own caption claim, as if she were a fact-checker (FC034, FC035).
i = s.index("- id: caption-talking-therapies\n")
j = s.index("- id: lifeline-988\n")
block = s[i:j].replace("status: unverified", "status: verified")
block += "  signoffs:\n  - by: dana.writer@example.org\n    role: fact-checker\n    verdict: verified\n    at: 2026-11-21T12:00:00Z\n    text: sha256:" + "0" * 64 + "\n"
s = s[:i] + block + s[j:]
# A claim whose sentence was cut from the draft (FC001) and a citation of a source never registered (FC024).
s = s.replace("- id: lifeline-988\n", "- id: teen-one-in-ten\n  quote:\n    exact: Depression affects one in ten teenagers\n  kind: statistic\n  sources:\n  - nchs-depression-2024\n- id: lifeline-988\n", 1)
open(p, 'w').write(s)
PY

# ------------------------------------------------ sex therapy: signed off, then edited (stale)
A=articles/sex-therapy.md
python3 - "$A" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace("depression often reduces sexual desire", "depression often lowers sexual desire")
s = s.replace("many people need between 5 and 20 sessions", "many people need only a few months of sessions")
open(p, 'w').write(s)
PY
at 2026-10-10T09:00:00Z
$FC -q $W track $A
src $A --id cleveland-sex-therapy --url https://my.clevelandclinic.org/health/treatments/sex-therapy --title "Sex Therapy" --publisher "Cleveland Clinic" --kind other --published 2022-08-01
src $A --id mayo-sex-therapy --url https://www.mayoclinic.org/tests-procedures/sex-therapy/about/pac-20385212 --title "Sex therapy" --publisher "Mayo Clinic" --kind other --published 2023-05-23
src $A --id aasect --url https://www.aasect.org/ --title "American Association of Sexuality Educators, Counselors and Therapists" --publisher "AASECT" --kind other
src $A --id medlineplus-sexual-problems --url https://medlineplus.gov/ency/article/001952.htm --title "Sexual problems in women" --publisher "MedlinePlus, U.S. National Library of Medicine" --kind government --published 2024-01-01
src $A --id nhs-low-libido --url https://www.nhs.uk/conditions/loss-of-libido/ --title "Loss of libido (low sex drive)" --publisher "NHS" --kind government --published 2023-09-15
src $A --id nimh-depression --url https://www.nimh.nih.gov/health/topics/depression --title "Depression" --publisher "National Institute of Mental Health" --kind government --published 2024-06-01
src $A --id niddk-ed --url https://www.niddk.nih.gov/health-information/urologic-diseases/erectile-dysfunction --title "Erectile Dysfunction (ED)" --publisher "National Institute of Diabetes and Digestive and Kidney Diseases" --kind government --published 2023-07-01
src $A --id medlineplus-ed --url https://medlineplus.gov/erectiledysfunction.html --title "Erectile Dysfunction" --publisher "MedlinePlus, U.S. National Library of Medicine" --kind government --published 2024-03-01
src $A --id britannica-masters --url https://www.britannica.com/biography/William-H-Masters --title "William H. Masters" --publisher "Encyclopaedia Britannica" --kind other
claim $A --id what-is-sex-therapy --quote "Sex therapy is a type of talk therapy that helps individuals and couples address concerns about sexual function, desire and intimacy" --source cleveland-sex-therapy --source mayo-sex-therapy
claim $A --id no-physical-contact --quote "there is no physical contact between the therapist and the client" --source aasect --source mayo-sex-therapy
claim $A --id low-desire-most-common --kind medical --quote "Low sexual desire is the most common sexual problem among women" --source medlineplus-sexual-problems --source nhs-low-libido
claim $A --id depression-libido --kind medical --quote "depression often lowers sexual desire" --source nimh-depression --source nhs-low-libido
claim $A --id antidepressants-libido --kind medical --quote "some antidepressants can reduce sex drive as a side effect" --source nhs-low-libido --source nimh-depression
claim $A --id ed-age --kind medical --quote "Erectile dysfunction becomes more common with age" --source niddk-ed --source medlineplus-ed
claim $A --id conditions-helped --kind medical --quote "Sex therapy can help people with erectile dysfunction, low desire, pain during sex, and difficulty reaching orgasm" --source nhs-low-libido --source medlineplus-sexual-problems
claim $A --id therapist-credentials --quote "A sex therapist is usually a licensed psychologist, psychiatrist, social worker or marriage and family therapist with additional training in sexuality" --source aasect --source mayo-sex-therapy
claim $A --id homework --quote "Sex therapists may give homework, such as communication exercises or sensate focus exercises to do at home" --source mayo-sex-therapy
claim $A --id short-term --quote "Sex therapy is often short term" --source mayo-sex-therapy --source cleveland-sex-therapy
claim $A --id caption-masters-johnson --quote "Sensate focus was developed by Masters and Johnson in the 1960s" --source britannica-masters
claim $A --id physical-causes --kind medical --quote "Some sexual problems have physical causes, such as diabetes, heart disease or hormonal changes" --source medlineplus-sexual-problems --source nhs-low-libido
$FC -q $W submit $A
at 2026-10-12T15:00:00Z
for c in what-is-sex-therapy no-physical-contact low-desire-most-common depression-libido antidepressants-libido ed-age conditions-helped therapist-credentials homework short-term caption-masters-johnson physical-causes; do
  $FC -q $C verify $A $c
done
at 2026-10-13T10:00:00Z
for c in low-desire-most-common depression-libido antidepressants-libido ed-age conditions-helped physical-causes; do
  $FC -q $D verify $A $c
done
$FC -q $D signoff $A --role medical-reviewer
at 2026-10-14T09:00:00Z
$FC -q $E signoff $A --role editor
# After sign-off the writer edits: one word inside a claim (stale) and words next to another claim (still fresh).
python3 - "$A" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read()
s = s.replace("depression often lowers sexual desire", "depression often reduces sexual desire")
s = s.replace("many people need only a few months of sessions", "many people need between 5 and 20 sessions")
open(p, 'w').write(s)
PY
echo "rebuilt examples/newsroom"
