"""A metadata column for GloVe words, cheap to compute offline: what kind of word each one is.

``word_kind(word)`` gives one of six kinds, or "" (no value) for every other word:

- ``number``: the word holds a digit (``1990``, ``2.5``, ``3-0``);
- ``punctuation``: it holds no letter and no digit (``,``, ``--``, ``(``);
- ``country``, ``month or day``, ``first name``, ``animal``: it is in one of the small
  hand-made lists below (162 countries and nations, 18 months and weekdays, 162 English first
  names, 88 animal words; ambiguous words such as "may", "turkey", "mark" or "bat" are left out).

Used by docs/plot_screenshots.py for the README's picture of GloVe in t-SNE coloured by a
metadata column; ``python docs/glove_kinds.py 20000 > kinds.tsv`` writes the column for the
first 20,000 GloVe words as a projector ``metadata.tsv`` (word, kind).
"""

from __future__ import annotations

import re
import sys


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COUNTRIES = _words(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
    bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
    bulgaria burundi cambodia cameroon canada chile china colombia comoros congo croatia cuba cyprus czech
    denmark djibouti dominica ecuador egypt eritrea estonia ethiopia fiji finland france gabon gambia germany
    ghana greece grenada guatemala guyana haiti honduras hungary iceland india indonesia iran iraq ireland
    israel italy jamaica japan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho
    liberia libya liechtenstein lithuania luxembourg macedonia madagascar malawi malaysia maldives mali malta
    mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar
    namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau panama paraguay peru
    philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore
    slovakia slovenia somalia spain sudan suriname swaziland sweden switzerland syria taiwan tajikistan
    tanzania thailand togo tonga tunisia turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu
    venezuela vietnam yemen zambia zimbabwe england scotland wales britain"""
)

MONTHS_AND_DAYS = _words(
    """january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday"""
)

FIRST_NAMES = _words(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason jeffrey
    ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
    raymond alexander patrick dennis jerry tyler aaron henry peter adam harry fred walter arthur albert
    louis philip roger howard carl ralph eugene russell bobby victor martin ernest phillip todd craig alan
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
    katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
    victoria lauren joan evelyn olivia judith megan cheryl martha andrea frances hannah jacqueline gloria
    kathryn alice teresa sara janice doris julia judy abigail marie denise beverly theresa marilyn
    danielle diana natalie sophia isabella charlotte"""
)

ANIMALS = _words(
    """dog dogs cat cats horse horses cow cows pig pigs sheep goat goats chicken chickens duck ducks goose
    rabbit rabbits mouse mice rat rats deer bear bears wolf wolves fox lion lions tiger tigers elephant
    elephants giraffe zebra monkey monkeys gorilla whale whales dolphin dolphins shark sharks salmon trout
    eagle eagles hawk owl parrot pigeon pigeons snake snakes lizard frog turtle crocodile bee bees ant ants
    spider butterfly mosquito camel kangaroo panda leopard cheetah buffalo bison moose squirrel donkey
    mule ox puppy kitten hen swan penguin otter beaver"""
)

KINDS = (
    ("country", COUNTRIES),
    ("month or day", MONTHS_AND_DAYS),
    ("first name", FIRST_NAMES),
    ("animal", ANIMALS),
)

_DIGIT = re.compile(r"\d")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def word_kind(word: str) -> str:
    """The kind of ``word`` (see the module's description), or "" when it is none of them."""
    if _DIGIT.search(word):
        return "number"
    if not _LETTER_OR_DIGIT.search(word):
        return "punctuation"
    return next((kind for kind, words in KINDS if word in words), "")


if __name__ == "__main__":
    from explorer.model.glove import load_glove

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    print("word\tkind")
    for token in load_glove().tokens[:count]:
        print(f"{token}\t{word_kind(token)}")
