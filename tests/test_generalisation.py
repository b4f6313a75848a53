"""Names, dates and references the authority file and the seen editions do not contain.

Each case is a sentence of the kind unseen editions of the family write; the expected
markup follows the annotation conventions (boundaries, one mention per name).
"""
from __future__ import annotations

import pytest

from entity_helpers import convert, marked, texts


def body_dates(root):
    """Dates of the test paragraph and notes (not the edition's own title and dateline)."""
    return [d for d in marked(root, "date") if d[0] not in ("1923", "8 October 1923")]


def refs(root, tag):
    return [(t, a.get("ref")) for t, a in marked(root, tag)]


@pytest.mark.parametrize("body, expected", [
    # towns and countries of the gazetteer, exonyms and old names included
    ("The delegates travelled from Samara to Vologda and on to Irkutsk.", ["Samara", "Vologda", "Irkutsk"]),
    ("Strikes broke out in Marseilles and in Shanghai.", ["Marseilles", "Shanghai"]),
    ("He was sent to Astrakhan, then to Voronezh.", ["Astrakhan", "Voronezh"]),
    ("Grain came from Veliky Novgorod and Nizhny Tagil.", ["Veliky Novgorod", "Nizhny Tagil"]),
    ("Relations with Romania and Sweden worsened.", ["Romania", "Sweden"]),
    ("The Kineshma weavers sent a delegate to Kimry and to Shuya.", ["Kimry", "Shuya"]),  # small towns
    ("The Independence of China was discussed in Geneva.", ["China", "Geneva"]),
    ("From the Eastern Front: Syzran was taken; Samara will follow.", ["Syzran", "Samara"]),  # after : and ;
])
def test_gazetteer_places(body, expected):
    assert texts(convert(body), "placeName") == expected


@pytest.mark.parametrize("body", [
    "Vologda was quiet.",                             # sentence-initial, no preposition
    "A colonel of the Imperial army.",                # a small town's name used as a word
    "The Union of workers; the union grew.",          # a word the text also writes in lower case
    "Vladimir Vologda spoke.",                         # part of a longer (person) name
    "He read the stories of Chekhov and in Pushkin’s poems.",  # towns named after people
    "The speech of Hindenburg was printed.",          # a renaming (Zabrze) is no spelling of a town
])
def test_gazetteer_names_not_taken_as_places(body):
    assert texts(convert(body), "placeName") == []


def test_a_known_surname_is_a_person_not_the_town_named_after_him():
    root = convert("Comrade Kirov and Comrade Molotov spoke.")
    assert texts(root, "placeName") == []
    assert texts(root, "persName") == ["Kirov", "Molotov"]


def test_gazetteer_places_get_provisional_records_citing_geonames():
    root = convert("Workers in Vologda struck.")
    (name, attrs), = marked(root, "placeName")
    assert attrs == {"ref": "#vologda", "cert": "low"}
    record = root.find(".//{http://www.tei-c.org/ns/1.0}place[@{http://www.w3.org/XML/1998/namespace}id='vologda']")
    assert "GeoNames" in "".join(record.itertext())


@pytest.mark.parametrize("body, expected", [
    ("The Vologda gubkom and the Tula kraikom protested.", ["Vologda gubkom", "Tula kraikom"]),
    ("Workers of the Sormovo works and the Putilov works struck.", ["Sormovo works", "Putilov works"]),
    ("The Kharkov Soviet met.", ["Kharkov Soviet"]),
    ("The Georgian Communist Party and the Communist Party of France replied.",
     ["Georgian Communist Party", "Communist Party of France"]),
    ("Students of the Sverdlov University and the Zinoviev Communist University.",
     ["Sverdlov University", "Zinoviev Communist University"]),
])
def test_compound_organisation_names_win_over_their_parts(body, expected):
    root = convert(body)
    assert texts(root, "orgName") == expected
    assert texts(root, "persName") == texts(root, "placeName") == []


@pytest.mark.parametrize("body, expected", [
    ("He arrived at the Kursk station and crossed Theatre Square.", ["Kursk station", "Theatre Square"]),
    ("They met on the Nevsky Prospect, then in the Hall of Columns and at the Smolny Institute.",
     ["Nevsky Prospect", "Hall of Columns", "Smolny Institute"]),
])
def test_compound_place_names(body, expected):
    root = convert(body)
    assert texts(root, "placeName") == expected
    assert texts(root, "orgName") == []


@pytest.mark.parametrize("reference, repository", [
    ("TsGA SPb, f. 1728, op. 1, d. 536, l. 4", "TsGA SPb"),
    ("GA RF, f. R-130, op. 2, d. 5, ll. 7-9", "GA RF"),
    ("TsGAOO UdmR, f. 16, op. 1, d. 1163, l. 12", "TsGAOO UdmR"),
])
def test_archival_reference_with_an_unknown_repository(reference, repository):
    root = convert("The letter is kept in the archive.[1]", reference + ".")
    (bibl, attrs), = marked(root, "bibl")
    assert bibl == reference and attrs["type"] == "archival"
    assert [(t, a.get("cert")) for t, a in marked(root, "orgName")] == [(repository, "low")]
    assert texts(root, "persName") == []


@pytest.mark.parametrize("body, expected", [
    ("He was away from 28 December to 10 January.", [("28 December to 10 January",
                                                       {"from": "1922-12-28", "to": "1923-01-10", "cert": "medium"})]),
    ("The commission sat in May and reported in June.", [("May", {"when": "1923-05", "cert": "medium"}),
                                                         ("June", {"when": "1923-06", "cert": "medium"})]),
    ("You and May Day are unrelated.", []),
    ("In 1927 the commission sat in May.", [("1927", {"when": "1927"}), ("May", {"when": "1927-05", "cert": "medium"})]),
    ("Safarov, born in 1891, came in May.", [("1891", {"when": "1891"}),
                                              ("May", {"when": "1923-05", "cert": "medium"})]),
])
def test_dates_of_unseen_editions(body, expected):
    assert body_dates(convert(body)) == expected


def test_citation_of_a_newspaper_issue_keeps_its_date():
    root = convert("The paper wrote so.[1]", "Die Rote Fahne, No. 229, 29 September 1927, p. 2.")
    assert body_dates(root) == [("29 September 1927", {"when": "1927-09-29"})]
    assert marked(root, "biblScope") == [("229", {"unit": "issue"})]
    assert marked(root, "title") == [("Die Rote Fahne", {"level": "j"})]
    assert texts(root, "bibl") == ["Die Rote Fahne, No. 229, 29 September 1927, p. 2"]


@pytest.mark.parametrize("name", ["l’Humanité", "The Times", "Leningradskaia pravda", "Vorwärts"])
def test_foreign_and_soviet_newspapers_are_titles(name):
    root = convert(f"It was printed in {name} that week.")
    assert marked(root, "title") == [(name, {"level": "j"})]
    assert texts(root, "placeName") == texts(root, "orgName") == []


def test_monograph_citation_with_author_place_and_pages():
    root = convert("As shown.[1]", "Carr, E.H., Socialism in One Country, London 1958, pp. 152-160.")
    assert texts(root, "bibl") == ["Carr, E.H., Socialism in One Country, London 1958, pp. 152-160"]
    assert marked(root, "title") == [("Socialism in One Country", {"level": "m"})]
    assert texts(root, "persName") == ["Carr, E.H."]
    assert texts(root, "placeName") == ["London"]
    assert marked(root, "citedRange") == [("152-160", {"unit": "page", "from": "152", "to": "160"})]


@pytest.mark.parametrize("body, expected", [
    ("Nadezhda Konstantinovna wrote to us.", [("Nadezhda Konstantinovna", "#krupskaya")]),
    ("Sergo, they say, is ill.", [("Sergo", "#ordzhonikidze")]),
    ("Vladimir Smirnov is in the Urals.", [("Vladimir Smirnov", "#smirnov-vm")]),
    ("Secretary Ivanov of the okruzhkom told me so.", [("Ivanov", "#ivanov")]),
    ("We yield on the Weinstein letters.", [("Weinstein", "#weinstein")]),
    ("The chairman Petrovsky and Dear Nikolai Vladimirovich.", [("Petrovsky", "#petrovsky"),
                                                               ("Nikolai Vladimirovich", "#nikolai-vladimirovich")]),
])
def test_people_by_forename_patronymic_nickname_and_office(body, expected):
    assert refs(convert(body), "persName") == expected


def test_a_year_less_date_long_after_the_letters_month_is_of_the_year_before():
    text = ("English\n\nA letter of 1928\n\nAn introduction.\n\n17 January 1928\n\nDear comrades!\n\n"
            "1. I arrived on 28 December and will write in March.\n\nThe author\n")
    from lxml import etree
    from tei_toolkit.convert import convert_text
    root = etree.fromstring(convert_text(text).tei)
    assert [d for d in marked(root, "date") if d[1].get("cert")] == [
        ("28 December", {"when": "1927-12-28", "cert": "medium"}), ("March", {"when": "1928-03", "cert": "medium"})]


def test_imprint_of_two_places():
    root = convert("See the book.[1]", "Trotsky, L.D., Sochineniia, Moscow-Leningrad 1926, p. 5.")
    assert refs(root, "placeName") == [("Moscow", "#moscow"), ("Leningrad", "#leningrad")]
    assert ("1926", {"when": "1926"}) in body_dates(root)


@pytest.mark.parametrize("note, author, title", [
    ("V.I. Lenin, Polnoe sobranie sochinenii, vol. 45, Moscow 1970, p. 345.", "V.I. Lenin", "Polnoe sobranie sochinenii"),
    ("Leon Trotsky, The New Course, New York 1943, pp. 15-20.", "Leon Trotsky", "The New Course"),
    ("R.V. Daniels, The Conscience of the Revolution, Cambridge, Mass. 1960, p. 210.", "R.V. Daniels",
     "The Conscience of the Revolution"),
    ("Permanent Revolution, Moscow 1930, p. 5.", None, "Permanent Revolution"),
    ("Trotsky, L. The New Course. Moscow, 1924, p. 5.", "Trotsky, L.", "The New Course"),
    ("Lenin, V.I. Collected Works, vol. 33, Moscow 1966, p. 12.", "Lenin, V.I.", "Collected Works"),
])
def test_citations_with_the_author_first(note, author, title):
    root = convert("Text.[1]", note)
    assert texts(root, "bibl") == [note.rstrip(".")]
    assert marked(root, "title") == [(title, {"level": "m"})]
    assert texts(root, "persName") == ([author] if author else [])


def test_quoted_title_cased_phrases_are_titles_but_group_names_are_not():
    root = convert("Trotsky’s “Lessons of October” angered the “Democratic Centralism” group and the "
                   "“Communist’s Companion” readers.")
    assert marked(root, "title") == [("Lessons of October", {"level": "a"})]
    assert ("Democratic Centralism", {"ref": "#democratic-centralism"}) in marked(root, "orgName")


def test_unknown_acronyms_where_a_body_stands_and_roman_congresses():
    root = convert("The ILO wrote to the TsKK (the XIV Congress had met; the NEP went on) and the VKP(b).")
    assert refs(root, "orgName") == [("ILO", "#ilo"), ("TsKK", "#ccc-rcp"), ("VKP(b)", "#rcp")]
    assert refs(root, "name") == [("XIV Congress", "#congress-rcp-14")]


def test_a_body_qualified_by_one_word_is_one_name_and_parties_of_a_country():
    root = convert("The Georgian Sovnarkom, the CC Secretariat, the Communist Party of Belgium and the "
                   "Communist Party met.")
    assert texts(root, "orgName") == ["Georgian Sovnarkom", "CC", "Secretariat", "Communist Party of Belgium"]
    assert texts(root, "placeName") == []


def test_place_of_a_dateline():
    from lxml import etree
    from tei_toolkit.convert import convert_text
    text = ("English\n\nA letter of 1928\n\nAn introduction.\n\nBarnaul, 17 January 1928\n\nDear comrades!\n\n"
            "1. Barnaul is cold. Providence will not help us.\n\nThe author\n")
    root = etree.fromstring(convert_text(text).tei)
    assert texts(root, "placeName") == ["Barnaul"]


def test_a_town_shaped_like_a_surname_heads_a_dateline_with_a_numeric_date():
    from lxml import etree
    from tei_toolkit.convert import convert_text
    text = ("English\n\nA telegram of 1918\n\nAn introduction.\n\nTambov, 4.X.1918\n\nTo Moscow:\n\n"
            "1. The front holds.\n\nThe author\n")
    root = etree.fromstring(convert_text(text).tei)
    assert "Tambov" in texts(root, "placeName")


def test_unquoted_titles_after_a_word_for_a_work():
    root = convert("In his book The Revolution Betrayed and the pamphlet Lessons of October; the book I wrote.")
    assert marked(root, "title") == [("The Revolution Betrayed", {"level": "m"}), ("Lessons of October", {"level": "m"})]


def test_short_title_of_an_earlier_citation_points_to_it():
    root = convert("Text.[1]", "XIV s’ezd VKP(b). Stenograficheskii otchet, Moscow 1926, pp. 5-7; "
                               "XIV s’ezd VKP(b), p. 9.")
    (first, a1), (second, a2) = marked(root, "bibl")
    assert second == "XIV s’ezd VKP(b), p. 9" and a2["corresp"] == "#" + a1["{http://www.w3.org/XML/1998/namespace}id"]
    assert texts(root, "orgName") == []  # transliterated titles are atomic


@pytest.mark.parametrize("body, expected", [
    # the record's dates ("the XVth Congress" of 2-19 December 1927)
    ("The XVth Congress expelled the Opposition.", [("XVth Congress", {"from": "1927-12-02", "to": "1927-12-19"})]),
    # the text's own dates, for an event the authority file does not know
    ("The Seventh Plenum of the ECCI (22 November-16 December 1926) met in Moscow.",
     [("Seventh Plenum", {"from": "1926-11-22", "to": "1926-12-16"})]),
    # the text's dates refine a record that knows only the month
    ("The Plenum of 25-27 October 1923 condemned the letter.",
     [("Plenum", {"from": "1923-10-25", "to": "1923-10-27"})]),
    # a date after "on" is a day of the event, not its dates; the record's stay
    ("He spoke at the XIVth Congress on 20 December 1925.",
     [("XIVth Congress", {"from": "1925-12-18", "to": "1925-12-31"})]),
])
def test_event_names_carry_their_dates(body, expected):
    events = [(t, {k: v for k, v in a.items() if k in ("when", "from", "to")})
              for t, a in marked(convert(body), "name@event")]
    assert events == expected


def test_a_provisional_event_record_takes_the_dates_the_text_gives():
    root = convert("The Seventh Plenum of the ECCI (22 November-16 December 1926) met in Moscow.")
    (ref,) = {a["ref"] for _, a in marked(root, "name@event")}
    record = root.find(f".//{{http://www.tei-c.org/ns/1.0}}event[@{{http://www.w3.org/XML/1998/namespace}}id='{ref[1:]}']")
    assert (record.get("from"), record.get("to"), record.get("cert")) == ("1926-11-22", "1926-12-16", "low")


@pytest.mark.parametrize("body, persons, places", [
    ("From Tashkent he went on to Frunze, where he stayed.", [], ["Tashkent", "Frunze"]),
    ("The town of Pishpek was renamed Frunze in 1926.", [], ["Pishpek", "Frunze"]),
    ("The exiles live in Frunze now.", [], ["Frunze"]),
    ("The order was signed by M.V. Frunze and comrade Frunze kept it.", ["M.V. Frunze", "Frunze"], []),
    ("A letter from Frunze reached the Revvoensovet.", ["Frunze"], []),
    ("In 1925 Frunze’s health failed.", ["Frunze"], []),
])
def test_a_town_named_after_a_person_is_told_apart_by_context(body, persons, places):
    root = convert(body)
    assert (texts(root, "persName"), texts(root, "placeName")) == (persons, places)


@pytest.mark.parametrize("note, bibl, title", [
    ("The open letter appeared in Biulleten’ Oppozitsii, #27, pp. 1-6.", "Biulleten’ Oppozitsii, #27, pp. 1-6",
     ("Biulleten’ Oppozitsii", "j")),
    ("Her speech: XIV s’ezd VKP(b), pp. 158-166.", "XIV s’ezd VKP(b), pp. 158-166", ("XIV s’ezd VKP(b)", "m")),
    ("See the account of Natalia I. Sedova in Trotsky, L., My Life, New York 1930, pp. 538-541.",
     "Trotsky, L., My Life, New York 1930, pp. 538-541", ("My Life", "m")),
    ("See Pravda, 3 May 1927, p. 2, and Trotsky, L.D., Problems of the Chinese Revolution, New York 1932, p. 30.",
     "Trotsky, L.D., Problems of the Chinese Revolution, New York 1932, p. 30",
     ("Problems of the Chinese Revolution", "m")),
    ("On the transport crisis see the article of L. Kritsman in Voennoe delo, #12(34), pp. 9-10.",
     "L. Kritsman in Voennoe delo, #12(34), pp. 9-10", ("Voennoe delo", "m")),
    ("Trotsky, L., The Revolution in Danger, Moscow 1924, p. 5.", "Trotsky, L., The Revolution in Danger, Moscow 1924, p. 5",
     ("The Revolution in Danger", "m")),
    # "in" right after another joint ("… 1929 and printed in …"): the matches may not overlap
    ("It was circulated in January 1929 and printed in Sotsialisticheskii vestnik, #6(196), pp. 9-11.",
     "Sotsialisticheskii vestnik, #6(196), pp. 9-11", ("Sotsialisticheskii vestnik", "j")),
])
def test_a_citation_starts_inside_the_sentence_that_leads_to_it(note, bibl, title):
    root = convert("Text.[1]", note)
    assert texts(root, "bibl")[-1] == bibl
    assert title in [(t, a.get("level")) for t, a in marked(root, "title")]


def test_numbered_units_and_the_council_of_a_front_are_bodies():
    root = convert("The 4th Army and the 27th Rifle Division reached the Neman; the Revvoensovet of the "
                   "Western Front reported it to the Revvoensovet.")
    assert texts(root, "orgName") == ["4th Army", "27th Rifle Division", "Revvoensovet of the Western Front",
                                      "Revvoensovet"]
    assert texts(root, "placeName") == ["Neman"]
