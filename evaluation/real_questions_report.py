"""Report how the assistant answers the real questions in ../shared/real-questions/dev.yml.

    python -m evaluation.real_questions_report [--url URL] [--questions PATH] [--json OUT]

Every question goes to the assistant in a fresh conversation over REST. Each bot message is
traced back to the domain response it came from (its text is matched against every response
template; {placeholders} match any text), the reply gets a topic key, and the key is judged
against the question's `expect`:

- right: the kind of answer the question needs;
- safe:  a safe non-answer (did you mean, a deferral to the consultation or the clinic);
- wrong: a confident answer to something else (a guide topic or the out-of-scope reply).

It is a report, not a gate: it exits 0 whatever the figures, non-zero only on errors (a server
that does not start, a request that fails). The question texts are read at run time and are
never written anywhere except to the --json file.
"""
import argparse
import concurrent.futures
import json
import re
import sys
import tempfile
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Pattern, Sequence, Tuple

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_QUESTIONS = PROJECT_DIR.parent / "shared" / "real-questions" / "dev.yml"
DEFAULT_MODEL = PROJECT_DIR / "models" / "clinic.tar.gz"
DEFAULT_DOMAIN = PROJECT_DIR / "domain.yml"
MAX_PARALLEL = 4

# ------------------------------------------------------------------ keys of responses

FALLBACK = "fallback"
OOS = "oos"
COMPLICATION = "complication"
GUIDE_START = "guide_start"  # a message that opens the walk-through before its first step
NO_REPLY = "no_reply"  # the bot said nothing with text
UNMATCHED = "unmatched"  # the bot said something no response template produces

GUIDE_STEPS = ("consultation", "preparation", "procedure", "aftercare")
# The guide's topics: answering one of them to the wrong question is a confident wrong answer.
GUIDE_TOPICS = frozenset(
    {"pain", "sessions", "side_effects", "what_is", "duration", "preparation", "aftercare", "downtime",
     "results", "safety", "provider", "consultation", "procedure"}
)
_PREFIXES = ("utter_faq/", "utter_faq_", "utter_guide_step_", "utter_walkthrough_")
_FALLBACK_RESPONSES = {"utter_did_you_mean", "utter_still_not_sure"}
_GUIDE_NOT_START = {"utter_guide_finished", "utter_guide_at_start"}


# the safety answers (components/triage.py), each a route for something happening after a treatment
SAFETY_RESPONSES = {"utter_faq/emergency", "utter_faq/emergency_help_coming", "utter_faq/emergency_worse_while_help_comes",
                    "utter_faq/emergency_cancel_asked", "utter_faq/emergency_called_unnamed",
                    "utter_faq/urgent", "utter_faq/urgent_closed", "utter_faq/urgent_unreachable",
                    "utter_faq/urgent_when_999", "utter_faq/urgent_closed_when_999",
                    "utter_faq/urgent_help_sought", "utter_faq/urgent_help_sought_open", "utter_faq/urgent_lasting", "utter_faq/urgent_lasting_open",
                    "utter_faq/expected_reaction",
                    "utter_faq/expected_reaction_closed"}


# A line that says the answer to what was asked is not given, before the answer nearest to it ("I can't give you a
# time for that …", then what the guide says of the consultation; "I don't have details about access …", then the
# clinic's address): the reply is that
# off-guide answer, and the answer after it is part of it, not another topic.
NOT_IN_THE_GUIDE_LEAD_INS = {
    "utter_no_time_in_the_guide": "unknown_time",
    "utter_no_access_details": "unknown_access",
    "utter_no_holiday_hours": "unknown_holiday_hours",
    "utter_no_bleeding_in_the_guide": "unknown_bleeding",
    "utter_no_fee_in_the_guide": "unknown_fee",
    "utter_no_patch_test_in_the_guide": "unknown_patch_test",
}


def response_key(name: str) -> str:
    """The topic key of a response name, in the old scheme or the new retrieval-style one."""
    if name in NOT_IN_THE_GUIDE_LEAD_INS:
        return NOT_IN_THE_GUIDE_LEAD_INS[name]
    if name in SAFETY_RESPONSES:
        return COMPLICATION
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    if name == "utter_complication":
        return COMPLICATION
    if name in _FALLBACK_RESPONSES:
        return FALLBACK
    if name == "utter_out_of_scope":
        return OOS
    if name.startswith("utter_guide_") and name not in _GUIDE_NOT_START:
        return GUIDE_START
    return name


# A follow-up's lead-in ("The same goes for that:"), said before the answer it leads to: not the topic.
LEAD_INS = {"utter_faq/follow_up", "utter_faq/about_that"}


def is_topic_response(name: str) -> bool:
    """Whether the response says what the reply is about (not a greeting, disclaimer, lead-in, offer ...)."""
    return name not in LEAD_INS and (
        name in NOT_IN_THE_GUIDE_LEAD_INS
        or name.startswith(_PREFIXES)
        or name == "utter_complication"
        or name in _FALLBACK_RESPONSES
        or name == "utter_out_of_scope"
    )


# ------------------------------------------------------------------ matching bot messages to responses

_TEMPLATE_TOKEN = re.compile(r"\{\{|\}\}|\{[^\n{}]+\}|\s+|[^{}\s]+|[{}]")


@dataclass(frozen=True)
class Template:
    name: str
    text: str
    pattern: Pattern
    literal_length: int  # characters outside placeholders: the more, the more specific


def compile_template(name: str, text: str) -> Template:
    """A regex for the whole text a template can produce: {placeholders} match any text."""
    parts = []
    literal = 0
    for token in _TEMPLATE_TOKEN.findall(text):
        if token in ("{{", "}}"):
            parts.append(re.escape(token[0]) + re.escape(token[0]) + "?")  # Rasa renders "{{" as "{"
            literal += 1
        elif token.startswith("{") and token.endswith("}") and len(token) > 2:
            parts.append(".*?")
        elif token.isspace():
            parts.append(r"\s+")
            literal += 1
        else:
            parts.append(re.escape(token))
            literal += len(token)
    return Template(name, text, re.compile(r"\s*" + "".join(parts) + r"\s*", re.DOTALL), literal)


def responses_of(document: Optional[dict]) -> Dict[str, List[str]]:
    """The texts of every response under `responses:` in a loaded domain or data file."""
    texts: Dict[str, List[str]] = OrderedDict()
    for name, variations in ((document or {}).get("responses") or {}).items():
        for variation in variations or []:
            if isinstance(variation, dict) and isinstance(variation.get("text"), str):
                texts.setdefault(str(name), []).append(variation["text"])
    return texts


def load_templates(paths: Iterable[Path]) -> List[Template]:
    """Templates of every response in the given YAML files (domain.yml, and any data file with responses)."""
    templates = []
    for path in paths:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for name, texts in responses_of(document if isinstance(document, dict) else None).items():
            templates.extend(compile_template(name, text) for text in texts)
    return templates


def domain_files(domain: Path, data_dir: Optional[Path]) -> List[Path]:
    """domain.yml (or every YAML file of a domain directory), then data files that define responses."""
    files = sorted(domain.rglob("*.yml")) + sorted(domain.rglob("*.yaml")) if domain.is_dir() else [domain]
    if data_dir is not None and data_dir.is_dir():
        for path in sorted(data_dir.rglob("*.yml")) + sorted(data_dir.rglob("*.yaml")):
            if re.search(r"^responses:", path.read_text(encoding="utf-8"), re.MULTILINE):
                files.append(path)
    return files


def identify(text: str, templates: Sequence[Template]) -> Optional[str]:
    """The name of the response a bot message came from: the most specific whole-text match."""
    best: Optional[Template] = None
    for template in templates:
        if template.pattern.fullmatch(text) and (best is None or template.literal_length > best.literal_length):
            best = template
    return best.name if best else None


def reply_responses(messages: Sequence[dict], templates: Sequence[Template]) -> List[Optional[str]]:
    """The response name of each bot message with text (None where no template matches)."""
    return [identify(message["text"], templates) for message in messages if isinstance(message.get("text"), str)]


_NEVER_THE_TOPIC = {"utter_greet", "utter_disclaimer", "utter_how_can_i_help"}


def reply_key(names: Sequence[Optional[str]]) -> str:
    """The reply's topic: the first message from a topic, fallback or out-of-scope response.

    Without one, the first other response apart from greetings and disclaimers (e.g. a hand-over),
    then any response; "unmatched" when no message matches a template, "no_reply" without text.
    """
    known = [name for name in names if name]
    for name in known:
        if is_topic_response(name):
            return response_key(name)
    for name in known:
        if name not in _NEVER_THE_TOPIC:
            return response_key(name)
    if known:
        return response_key(known[0])
    return UNMATCHED if names else NO_REPLY


# ------------------------------------------------------------------ verdicts

_SAME_KEY = ("pain", "sessions", "side_effects", "duration", "what_is", "results", "safety", "provider",
             "preparation", "consultation", "price", "complication")
RIGHT_KEYS: Dict[str, Callable[[str], bool]] = {expect: (lambda key, e=expect: key == e) for expect in _SAME_KEY}
RIGHT_KEYS.update({
    "aftercare": lambda key: key in ("aftercare", "downtime"),
    "downtime": lambda key: key in ("downtime", "aftercare"),
    "steps": lambda key: key == "procedure" or key in GUIDE_STEPS or key == GUIDE_START,
    # (to someone treated or booked in already, their practitioner before the next treatment: actions/answers.py)
    "consult": lambda key: key in ("suitability", "suitability_a_patient", "suitability_asked_again", "consultation",
                                   "minors"),
    "unknown": lambda key: key.startswith("unknown_"),
    "oos": lambda key: key == OOS,
})
RIGHT, SAFE, WRONG = "right", "safe", "wrong"
WORST_EXPECTS = ("consult", "complication")


def verdict(expect: str, key: str) -> str:
    """right: the answer the question needs; wrong: a guide topic or out-of-scope to something else; else safe."""
    is_right = RIGHT_KEYS.get(expect, lambda k: k == expect)
    if is_right(key):
        return RIGHT
    if key in GUIDE_TOPICS or key == OOS:
        return WRONG
    return SAFE


# ------------------------------------------------------------------ the report

EXPECT_ORDER = ("pain", "sessions", "side_effects", "duration", "what_is", "aftercare", "preparation", "results",
                "downtime", "safety", "provider", "consultation", "steps", "consult", "complication", "price",
                "unknown", "oos")


@dataclass
class Row:
    text: str
    expect: str
    key: str
    verdict: str
    responses: List[Optional[str]] = field(default_factory=list)


MULTI = "multi:"  # a message asking several things: "multi:pain+downtime", its parts in order


def multi_verdict(parts: Sequence[str], keys: Sequence[str]) -> str:
    """right: every part got its answer; wrong: a guide topic or out-of-scope reply that no part asked for;
    else safe (a part left unanswered, a fallback or deferral)."""
    rights = [RIGHT_KEYS.get(part, lambda k, p=part: k == p) for part in parts]
    if any((key in GUIDE_TOPICS or key == OOS) and not any(is_right(key) for is_right in rights) for key in keys):
        return WRONG
    if all(any(is_right(key) for key in keys) for is_right in rights):
        return RIGHT
    return SAFE


def judge(text: str, expect: str, messages: Sequence[dict], templates: Sequence[Template]) -> Row:
    names = reply_responses(messages, templates)
    key = reply_key(names)
    if expect.startswith(MULTI):
        topical = [name for name in names if name and is_topic_response(name)]
        keys = [response_key(name) for number, name in enumerate(topical)
                if not (number and topical[number - 1] in NOT_IN_THE_GUIDE_LEAD_INS)] or [key]
        return Row(text=text, expect=expect, key="+".join(keys),
                   verdict=multi_verdict(expect[len(MULTI):].split("+"), keys), responses=names)
    return Row(text=text, expect=expect, key=key, verdict=verdict(expect, key), responses=names)


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}" if whole else "0.0"


def summary(rows: Sequence[Row]) -> dict:
    total = len(rows)
    counts = {v: sum(row.verdict == v for row in rows) for v in (RIGHT, SAFE, WRONG)}
    worst = sum(row.verdict == WRONG and row.expect in WORST_EXPECTS for row in rows)
    return {"total": total, **counts, "wrong_on_consult_or_complication": worst,
            "right_pct": float(_pct(counts[RIGHT], total))}


def report_lines(rows: Sequence[Row], show_texts: bool = True) -> List[str]:
    kind = lambda row: "multi" if row.expect.startswith(MULTI) else row.expect  # noqa: E731
    expects = [e for e in EXPECT_ORDER if any(kind(row) == e for row in rows)]
    expects += sorted({kind(row) for row in rows} - set(expects))
    lines = [f"{'expect':<14}{'n':>5}{'right':>7}{'safe':>7}{'wrong':>7}"]
    for expect in expects:
        group = [row for row in rows if kind(row) == expect]
        counts = [sum(row.verdict == v for row in group) for v in (RIGHT, SAFE, WRONG)]
        lines.append(f"{expect:<14}{len(group):>5}{counts[0]:>7}{counts[1]:>7}{counts[2]:>7}")
    s = summary(rows)
    lines.append(f"{'total':<14}{s['total']:>5}{s[RIGHT]:>7}{s[SAFE]:>7}{s[WRONG]:>7}")
    lines.append(f"{'':<14}{'':>5}{_pct(s[RIGHT], s['total']) + '%':>7}{_pct(s[SAFE], s['total']) + '%':>7}"
                 f"{_pct(s[WRONG], s['total']) + '%':>7}")
    worst = [row for row in rows if row.verdict == WRONG and row.expect in WORST_EXPECTS]
    lines.append("")
    lines.append(f"wrong answers on consult or complication: {len(worst)}")
    for row in worst if show_texts else []:  # a blind set is read as totals only
        lines.append(f"  {row.expect:<13} got {row.key:<14} {' '.join(row.text.split())[:80]}")
    unmatched = sum(name is None for row in rows for name in row.responses)
    if unmatched:
        lines.append(f"note: {unmatched} bot messages matched no response template (is --domain right?)")
    lines.append(
        f"real_questions right={s[RIGHT]}/{s['total']} ({_pct(s[RIGHT], s['total'])}%) safe={s[SAFE]} "
        f"wrong={s[WRONG]} wrong_on_consult_or_complication={s['wrong_on_consult_or_complication']}"
    )
    return lines


def load_questions(path: Path) -> List[Tuple[str, str]]:
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    questions = document.get("questions") if isinstance(document, dict) else None
    if not isinstance(questions, list) or not questions:
        raise ValueError(f"{path}: expected a non-empty `questions:` list")
    pairs = []
    for number, item in enumerate(questions, 1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item.get("expect"):
            raise ValueError(f"{path}: question {number} needs `text` and `expect`")
        expect = str(item["expect"])
        if expect == "multi":
            if not isinstance(item.get("parts"), list) or not item["parts"]:
                raise ValueError(f"{path}: question {number} is multi and needs `parts`")
            expect = MULTI + "+".join(str(part) for part in item["parts"])
        pairs.append((item["text"], expect))
    return pairs


NOT_SCORED = "none"  # a turn of a conversation that is said but not judged ("thanks")
Conversation = List[Tuple[str, str]]


def load_conversations(path: Path) -> List[Conversation]:
    """The turns of each conversation in a `conversations:` file (`turns:` of `text` and `expect`, each
    judged in the context of the turns before it), or each question of a `questions:` file alone."""
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(document, dict) or "conversations" not in document:
        return [[question] for question in load_questions(path)]
    conversations = document["conversations"]
    if not isinstance(conversations, list) or not conversations:
        raise ValueError(f"{path}: expected a non-empty `conversations:` list")
    loaded = []
    for number, conversation in enumerate(conversations, 1):
        turns = conversation.get("turns") if isinstance(conversation, dict) else None
        if not isinstance(turns, list) or not turns or not all(
            isinstance(turn, dict) and isinstance(turn.get("text"), str) and turn.get("expect") for turn in turns
        ):
            raise ValueError(f"{path}: conversation {number} needs `turns`, each with `text` and `expect`")
        loaded.append([(turn["text"], str(turn["expect"])) for turn in turns])
    return loaded


def ask_all(say: Callable[[str, str], list], conversations: Sequence[Conversation],
            templates: Sequence[Template], parallel: int = MAX_PARALLEL) -> List[Row]:
    """Each conversation with a sender id of its own, its turns in order, up to `parallel` at once; a row
    for each turn that is scored. A one-turn conversation that fails is tried once more, afresh."""

    def one(conversation: Conversation) -> List[Row]:
        sender = f"real-questions-{uuid.uuid4()}"
        rows = []
        for turn, (text, expect) in enumerate(conversation):
            try:
                messages = say(sender, text)
            except Exception:  # one retry, in a fresh conversation, for a transient failure
                if len(conversation) > 1:
                    raise
                time.sleep(1)
                sender = f"real-questions-{uuid.uuid4()}"
                messages = say(sender, text)
            if expect != NOT_SCORED:
                rows.append(judge(text, expect, messages, templates))
        return rows

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        return [row for rows in pool.map(one, conversations) for row in rows]


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running Rasa server (e.g. http://127.0.0.1:5005); "
                                      "without it the servers are started with --model")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="model to start Rasa with (default %(default)s)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="default %(default)s")
    parser.add_argument("--domain", type=Path, default=DEFAULT_DOMAIN,
                        help="domain whose responses the bot messages are matched against (default %(default)s); "
                             "responses defined in the data directory next to it are read too")
    parser.add_argument("--json", type=Path, help="write every row (text, expect, key, verdict) here")
    parser.add_argument("--parallel", type=int, default=MAX_PARALLEL, help="requests at once (default %(default)s)")
    parser.add_argument("--totals-only", action="store_true",
                        help="print no question's text (a blind set is read as totals only)")
    return parser.parse_args(argv)


def report_main(name: str, parse: Callable[[Optional[Sequence[str]]], argparse.Namespace],
                run_report: Callable[[argparse.Namespace], int], argv: Optional[Sequence[str]] = None) -> int:
    """Run a report: it exits 0 whatever the figures, 1 only when it could not measure."""
    args = parse(argv)
    try:
        return run_report(args)
    except Exception as error:  # a report, not a gate: only a failure to measure is an error
        print(f"{name}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    return report_main("real_questions_report", parse_args, run, argv)


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    questions = load_conversations(args.questions)
    domain = args.domain.resolve()
    templates = load_templates(domain_files(domain, (domain if domain.is_dir() else domain.parent) / "data"))
    if not templates:
        raise ValueError(f"{args.domain}: no response templates found")
    if args.url:
        from harness.servers import say

        rows = ask_all(lambda sender, text: say(args.url.rstrip("/"), sender, text), questions, templates,
                       args.parallel)
    else:
        from harness.servers import running_servers

        with tempfile.TemporaryDirectory(prefix="real-questions-") as work:
            print(f"starting the servers with {args.model} ...", file=sys.stderr, flush=True)
            with running_servers(args.model, Path(work)) as servers:
                rows = ask_all(servers.say, questions, templates, args.parallel)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"summary": summary(rows), "rows": [asdict(row) for row in rows]},
                                        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(rows)} scored turns in {time.monotonic() - started:.0f}s", file=sys.stderr, flush=True)
    print("\n".join(report_lines(rows, show_texts=not args.totals_only)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
