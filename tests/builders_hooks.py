"""How the builders register a response document and an effect answer.

Features that add these (documents, effect inquiry) replace these functions' bodies.
"""

from signaalloket.signals import guards


def register_response(signal, desk) -> None:
    raise NotImplementedError("register a response document through the documents service")


def record_effect(signal, desk) -> None:
    # Until the effect-inquiry feature exists, accept closing without an answer in tests.
    guards.register("effect_answer_exists", lambda s: True)
