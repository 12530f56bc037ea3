"""Build the project's own spaCy pipeline from files in this folder.

The pipeline has no pretrained weights: a blank English tokenizer, the lookup
lemmatizer from the official `spacy-lookups-data` tables, and an entity ruler
with the clinic's treatment areas and skin concerns (`patterns.jsonl`).
Rasa's `SpacyNLP` loads the result by path (see `config.yml`).

Usage: python spacy_pipeline/build.py OUTPUT_DIR
"""

import sys
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
PATTERNS = HERE / "patterns.jsonl"


def build(patterns_path: Path = PATTERNS) -> "spacy.language.Language":
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Patterns match on lower case or on lemmas, so the ruler runs after the lemmatizer.
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    nlp.initialize()  # loads the lemma lookup table from spacy-lookups-data
    ruler.from_disk(patterns_path)
    nlp.meta["name"] = "clinic_en"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Tokenizer, lookup lemmatizer and clinic entity patterns"
    return nlp


def main(argv: list) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.parent.mkdir(parents=True, exist_ok=True)
    build().to_disk(out)
    print(f"spaCy pipeline written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
