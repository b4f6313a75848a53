"""Every date form of the conventions, and the numbers that must not become dates."""
from __future__ import annotations

import pytest

from tei_toolkit.dates import find_dates, julian_to_gregorian


@pytest.mark.parametrize("text, mention, attrs", [
    ("on 8 October 1923 he wrote", "8 October 1923", {"when": "1923-10-08"}),
    ("the October 8, 1923, letter", "October 8, 1923", {"when": "1923-10-08"}),
    ("its May 1990 edition", "May 1990", {"when": "1990-05"}),
    ("Young Communist, 1989, #8", "1989", {"when": "1989"}),
    ("met in Moscow 17-25 April 1923.", "17-25 April 1923", {"from": "1923-04-17", "to": "1923-04-25"}),
    ("took place 8-16 March 1921.", "8-16 March 1921", {"from": "1921-03-08", "to": "1921-03-16"}),
    ("Alexei I. Rykov (1881-1938), member", "1881-1938", {"from": "1881", "to": "1938"}),
    ("In 1922-25 chairman", "1922-25", {"from": "1922", "to": "1925"}),
    ("International, June-July 1921", "June-July 1921", {"from": "1921-06", "to": "1921-07"}),
    ("held on 26-27 June 1923,", "26-27 June 1923", {"from": "1923-06-26", "to": "1923-06-27"}),
    ("formed in the spring of 1921.", "spring of 1921", {"notBefore": "1921-03-01", "notAfter": "1921-05-31"}),
    ("from the summer of 1922 had", "summer of 1922", {"notBefore": "1922-06-01", "notAfter": "1922-08-31"}),
    ("in the autumn of 1923", "autumn of 1923", {"notBefore": "1923-09-01", "notAfter": "1923-11-30"}),
    ("the winter of 1922", "winter of 1922", {"notBefore": "1922-12-01", "notAfter": "1923-02-28"}),
    ("formed in the spring and summer of 1923 by", "spring and summer of 1923",
     {"notBefore": "1923-03-01", "notAfter": "1923-08-31"}),
    ("the September (1923) Plenum", "September (1923)", {"when": "1923-09"}),
    ("12.III.1919", "12.III.1919", {"when": "1919-03-12"}),
    ("dated 12.03.1919 in", "12.03.1919", {"when": "1919-03-12"}),
    ("on March 12th, 1919 he", "March 12th, 1919", {"when": "1919-03-12"}),
    ("the night of 7-8 November 1927", "7-8 November 1927", {"from": "1927-11-07", "to": "1927-11-08"}),
    ("on 12 March (27 February O.S.) 1919", "12 March (27 February O.S.) 1919",
     {"when": "1919-03-12", "when-custom": "1919-02-27", "datingMethod": "#julian"}),
    ("on 27 February (12 March N.S.) 1919", "27 February (12 March N.S.) 1919",
     {"when": "1919-03-12", "when-custom": "1919-02-27", "datingMethod": "#julian"}),
    ("on 25 October 1917 (O.S.) the", "25 October 1917 (O.S.)",
     {"when": "1917-11-07", "when-custom": "1917-10-25", "datingMethod": "#julian"}),
    ("decided on 1919-03-06.", "1919-03-06", {"when": "1919-03-06"}),
    ("chairman from 8 (21) November 1917 until", "8 (21) November 1917",
     {"when": "1917-11-21", "when-custom": "1917-11-08", "datingMethod": "#julian"}),
    ("on 31 October (13 November) 1917 the", "31 October (13 November) 1917",
     {"when": "1917-11-13", "when-custom": "1917-10-31", "datingMethod": "#julian"}),
    ("Commander-in-Chief from 6 September 1918 to July 1919.", "6 September 1918 to July 1919",
     {"from": "1918-09-06", "to": "1919-07"}),
    ("sent in the second half of September 1918 only", "second half of September 1918",
     {"notBefore": "1918-09-16", "notAfter": "1918-09-30"}),
    ("in the first half of August 1918 the", "first half of August 1918",
     {"notBefore": "1918-08-01", "notAfter": "1918-08-15"}),
    ("from November 1922 to 4 February 1923 and", "November 1922 to 4 February 1923",
     {"from": "1922-11", "to": "1923-02-04"}),
    ("the prices of 1913 stood", "1913", {"when": "1913"}),
    ("At the beginning of October 1923, the", "beginning of October 1923",
     {"notBefore": "1923-10-01", "notAfter": "1923-10-10"}),
    ("in the 1920s", "1920s", {"notBefore": "1920", "notAfter": "1929"}),
    ("In the winter of 1925-26 it", "winter of 1925-26", {"notBefore": "1925-12-01", "notAfter": "1926-02-28"}),
])
def test_date_forms(text, mention, attrs):
    found = find_dates(text, 1923)
    assert [(text[d.start:d.end], d.attrs) for d in found] == [(mention, attrs)]


@pytest.mark.parametrize("text, mention, attrs", [
    ("sent a report on 19 September to the CC", "19 September", {"when": "1923-09-19", "cert": "medium"}),
    ("withdraw from it by November 14, having", "November 14", {"when": "1923-11-14", "cert": "medium"}),
    ("appointed in early November but", "early November",
     {"notBefore": "1923-11-01", "notAfter": "1923-11-10", "cert": "medium"}),
    ("In July, when I was", "July", {"when": "1923-07", "cert": "medium"}),
    ("At the end of August it was", "end of August",
     {"notBefore": "1923-08-21", "notAfter": "1923-08-31", "cert": "medium"}),
    ("the September Plenum of", "September", {"when": "1923-09", "cert": "medium"}),
    ("called on 4 January (22 December O.S.) and", "4 January (22 December O.S.)",
     {"when": "1923-01-04", "when-custom": "1922-12-22", "datingMethod": "#julian", "cert": "medium"}),
    ("will resume in the summer and", "summer", {"notBefore": "1923-06-01", "notAfter": "1923-08-31", "cert": "medium"}),
])
def test_year_inferred_from_the_letter(text, mention, attrs):
    found = find_dates(text, 1923)
    assert [(text[d.start:d.end], d.attrs) for d in found] == [(mention, attrs)]


def test_year_inferred_from_the_nearest_preceding_date():
    text = "On 18 September 1921 it met; on 29 June it met again."
    found = find_dates(text, 1923)
    assert found[1].attrs == {"when": "1921-06-29", "cert": "medium"}


def test_life_dates_do_not_set_the_context_year():
    text = "M. Lashevich (1884-1928) left on 2 December."
    assert find_dates(text, 1927)[-1].attrs["when"] == "1927-12-02"


@pytest.mark.parametrize("text", [
    "in its May edition, pp. 165-175.", "(Berlin) #11(81), pp.9-10", "vol. 45, pp. 349-353",
    "[where 1913=100]", "the full unity of 90% of the party", "Moski, p.49", "fond 17, opis’ 2, delo 1923, listy 1920-1921",
    "https://www.wsws.org/en/articles/2008/10/1923-o30.html", "two boxes cost a pood [36 pounds]", "see also note 4",
    "the sixth anniversary of the October Revolution", "He may come",
])
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, 1923) == []


def test_without_a_context_year_a_yearless_date_is_left_out():
    assert find_dates("on 19 September the CC", None) == []


def test_impossible_days_are_not_dates():
    found = find_dates("on 31 February 1923", 1923)
    assert [d.attrs for d in found] == [{"when": "1923-02"}]


def test_julian_to_gregorian():
    assert julian_to_gregorian(1917, 10, 25) == (1917, 11, 7)
    assert julian_to_gregorian(1919, 2, 27) == (1919, 3, 12)
    assert julian_to_gregorian(1899, 12, 31) == (1900, 1, 12)


def test_a_parenthesised_day_that_is_not_the_julian_equivalent_is_no_pair():
    [date] = find_dates("on 25 (26) May 1920 the", default_year=1920)
    assert date.attrs == {"when": "1920-05"}
