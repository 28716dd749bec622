"""gpt4free's clients using generated providers: run apart, with ``pytest tests/g4f``."""
