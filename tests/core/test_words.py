from core.words import sentences


def test_sentences_keep_their_end_marks_and_cover_the_text():
    text = "fine lines round my eyes. oh and can we do thursday?! 6ish\nthanks"
    spans = sentences(text)
    assert [text[start:end] for start, end in spans] == [
        "fine lines round my eyes.", " oh and can we do thursday?!", " 6ish\n", "thanks"]
    assert sentences("") == []
