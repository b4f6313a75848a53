"""Name forms: people, organisations, places, events, titles; provisional records."""
from __future__ import annotations

import pytest

from entity_helpers import TEI, convert, marked, texts

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def refs(root, tag):
    return [(t, a.get("ref")) for t, a in marked(root, tag)]


@pytest.mark.parametrize("body, expected", [
    ("As L.D. Trotsky wrote.", [("L.D. Trotsky", "#trotsky")]),
    ("Signed F. E. Dzerzhinsky today.", [("F. E. Dzerzhinsky", "#dzerzhinsky")]),
    ("Expelled were G.Myasnikov and N.Kuznetsov.", [("G.Myasnikov", "#myasnikov"), ("N.Kuznetsov", "#kuznetsov-n")]),
    ("Then Alexei I. Rykov spoke.", [("Alexei I. Rykov", "#rykov")]),
    ("Yuri (Grigorii) L. Pyatakov, (1890-1937), member", [("Yuri (Grigorii) L. Pyatakov", "#pyatakov")]),
    ("It is comrade Dzerzhinsky’s commission.", [("Dzerzhinsky", "#dzerzhinsky")]),
    ("Comrades Rykov and Pyatakov sent it.", [("Rykov", "#rykov"), ("Pyatakov", "#pyatakov")]),
    ("Leon Trotsky’s letter and V.I.Lenin’s work.", [("Leon Trotsky", "#trotsky"), ("V.I.Lenin", "#lenin")]),
    ("The troika (G.E. Zinoviev, L.B. Kamenev and I.V. Stalin) ruled; S.S. Kamenev commanded.",
     [("G.E. Zinoviev", "#zinoviev"), ("L.B. Kamenev", "#kamenev-lb"), ("I.V. Stalin", "#stalin"),
      ("S.S. Kamenev", "#kamenev-ss")]),
    ("S.S. Kamenev commanded. Later Kamenev resigned.", [("S.S. Kamenev", "#kamenev-ss"), ("Kamenev", "#kamenev-ss")]),
    ("Dear Leonid Borisovich, the note.", [("Leonid Borisovich", "#krasin")]),
    ("Vatslav V. Vorovsky was shot.", [("Vatslav V. Vorovsky", "#vorovsky")]),
    ("on the Curzon Ultimatum of Lord Curzon.", [("Curzon", "#curzon"), ("Curzon", "#curzon")]),
    ("In the North and by David North.", [("David North", "#north-d")]),
    ("The exile of Ivan Nikitich Smirnov began.", [("Ivan Nikitich Smirnov", "#smirnov-in")]),
    ("A letter of Nina L. Nevelson arrived.", [("Nina L. Nevelson", "#nevelson-nl")]),
    ("Dear Lev Davydovich, the note.", [("Lev Davydovich", "#trotsky")]),
    ("As comrade Piatakov wrote.", [("Piatakov", "#pyatakov")]),
])
def test_person_forms(body, expected):
    assert refs(convert(body), "persName") == expected


def test_inverted_author_before_a_title_with_a_comma():
    root = convert("See the work.[1]", "See Stalin, I.V. Sochineniia, vol. 7, p. 389; Ibid., p. 390.")
    assert refs(root, "persName") == [("Stalin, I.V.", "#stalin")]
    assert [a.get("corresp") for t, a in marked(root, "bibl")] == [None, "#bibl1-1"]


def test_inverted_author_in_a_citation():
    root = convert("See the work.[1]", "Cf. Lenin, V.I. Complete Collected Works, vol. 45, pp. 349-353.")
    assert ("Lenin, V.I.", "#lenin") in refs(root, "persName")


@pytest.mark.parametrize("body, expected", [
    ("the Central Committee (CC) and the Central Control Commission (CCC) of the Russian Communist Party",
     [("Central Committee", "#cc-rcp"), ("CC", "#cc-rcp"), ("Central Control Commission", "#ccc-rcp"), ("CCC", "#ccc-rcp"),
      ("Russian Communist Party", "#rcp")]),
    ("the Central Committee of the Russian Communist Party decided", [("Central Committee of the Russian Communist Party", "#cc-rcp")]),
    ("The Plenum of the CC RCP(b) said", [("CC RCP(b)", "#cc-rcp")]),
    ("the Politburo of the CC and the GPU", [("Politburo", "#politburo"), ("CC", "#cc-rcp"), ("GPU", "#gpu")]),
    ("the Revolutionary Military Council of the Republic (Revvoensovet)",
     [("Revolutionary Military Council of the Republic", "#revvoensovet"), ("Revvoensovet", "#revvoensovet")]),
    ("the June Plenum of the Central Committee of the Ukrainian Communist Party",
     [("Central Committee of the Ukrainian Communist Party", "#cc-ukp")]),
    ("the old Ukrainian Sovnarkom and the Soviet of People’s Commissars",
     [("Ukrainian Sovnarkom", "#sovnarkom-ukr"), ("Soviet of People’s Commissars", "#sovnarkom")]),
    ("“Workers Truth” and “workers opposition” and the party and the gubkom",
     [("Workers Truth", "#workers-truth"), ("workers opposition", "#workers-opposition")]),
    ("the Supreme Soviet of the People’s Economy, Gosplan, the Soviet of Labor and Defense",
     [("Supreme Soviet of the People’s Economy", "#vsnkh"), ("Gosplan", "#gosplan"), ("Soviet of Labor and Defense", "#sto")]),
    ("the Moscow Military District", [("Moscow Military District", "#moscow-md")]),
])
def test_organisation_forms(body, expected):
    assert refs(convert(body), "orgName") == expected


def test_places_and_adjectives():
    root = convert("in Moscow, the Ukraine, Rostov and the Soviet Union; the German revolution; Soviet-British ties.")
    assert refs(root, "placeName") == [("Moscow", "#moscow"), ("Ukraine", "#ukraine"), ("Rostov", "#rostov"),
                                       ("Soviet Union", "#ussr")]


def test_periodicals_are_titles_not_organisations():
    root = convert("published in the International Workers Bulletin and in the journal Izvestiia TsK KPSS in its May 1990 edition.")
    assert texts(root, "title") == ["International Workers Bulletin", "Izvestiia TsK KPSS"]
    assert refs(root, "orgName") == []


@pytest.mark.parametrize("body, expected", [
    ("since the XIIth Congress, and the 12th Party Congress", [("XIIth Congress", "#congress-rcp-12"),
                                                               ("12th Party Congress", "#congress-rcp-12")]),
    ("the Xth and XIth Congresses of the RCP(b)", [("Xth", "#congress-rcp-10"), ("XIth Congresses", "#congress-rcp-11")]),
    ("at the Third Congress of the Communist International", [("Third Congress of the Communist International",
                                                              "#congress-comintern-3")]),
    ("the September (1923) Plenum of the CC", [("September (1923) Plenum", "#plenum-cc-1923-09")]),
    ("after the June (1923) Plenum of the Central Committee of the Ukrainian Communist Party",
     [("June (1923) Plenum", "#plenum-cc-ukp-1923-06")]),
    ("At the Plenum of the Central Committee of the RCP(b) held on 26-27 June 1923, there",
     [("Plenum", "#plenum-cc-1923-06-26")]),
    ("the October Revolution and the Genoa Conference", [("October Revolution", "#october-revolution"),
                                                         ("Genoa Conference", "#genoa-conference")]),
    ("the Third All-Russian Congress of Metalworkers", [("Third All-Russian Congress of Metalworkers",
                                                        "#congress-metalworkers-3")]),
])
def test_event_forms(body, expected):
    assert refs(convert(body), "name@event") == expected


def test_date_nested_in_an_event_name():
    root = convert("the September (1923) Plenum of the CC")
    [event] = root.find(f"{TEI}text").iter(f"{TEI}name")
    assert event.find(f"{TEI}date").get("when") == "1923-09"


@pytest.mark.parametrize("body, mention, record_id", [
    ("It was said by comrade Sidorov.", "Sidorov", "sidorov"),
    ("The letter of A. K. Ivanov came.", "A. K. Ivanov", "ivanov"),
    ("Ivan Petrov arrived in Moscow.", "Ivan Petrov", "petrov"),
    ("Later Zelensky (1890-1938) was sent.", "Zelensky", "zelensky"),
    ("An A. Smirnov, not the known ones.", "A. Smirnov", "smirnov-a"),
    ("As Professor Robert Daniels wrote.", "Robert Daniels", "daniels"),
    ("Then Mr. Brockdorff-Rantzau called.", "Brockdorff-Rantzau", "brockdorff-rantzau"),
])
def test_unknown_names_get_provisional_records(body, mention, record_id):
    root = convert(body)
    assert (mention, {"ref": f"#{record_id}", "cert": "low"}) in marked(root, "persName")
    record = [p for p in root.iter(f"{TEI}person") if p.get(XML_ID) == record_id][0]
    assert record.get("cert") == "low"
    assert record.find(f"{TEI}note[@type='review']") is not None


def test_bare_mentions_of_a_provisional_name_link_to_it():
    root = convert("Comrade Ivanov came. Ivanov spoke twice.")
    assert refs(root, "persName")[:2] == [("Ivanov", "#ivanov"), ("Ivanov", "#ivanov")]


def test_generic_capitalised_words_are_not_people():
    root = convert("The Old Bolsheviks and the Party Congress. In Rostov.")
    assert refs(root, "persName") == []


def test_every_ref_resolves_to_a_standoff_record():
    root = convert("Comrade Ivanov and L.B. Kamenev of the CC met in Moscow at the XIIth Congress.")
    ids = {e.get(XML_ID) for e in root.find(f"{TEI}standOff").iter() if e.get(XML_ID)}
    used = {e.get("ref")[1:] for e in root.iter() if e.get("ref", "").startswith("#")}
    assert used and used <= ids
    assert root.find(f".//{TEI}standOff//{TEI}person/{TEI}idno[@type='wikidata']") is not None


def test_list_of_signatories():
    from tei_toolkit.convert import convert_text
    from lxml import etree
    text = ("English\n\nA declaration\n\nAn introduction.\n\n15 October 1923\n\nTo the Politburo\n\n"
            "1. We state our view.\n\nE. Preobrazhensky\nB. Breslav\nV. Smirnov\nOsinsky\nI. N. Smirnov\n")
    root = etree.fromstring(convert_text(text).tei)
    assert [(t, a.get("ref")) for t, a in marked(root, "persName")] == [
        ("E. Preobrazhensky", "#preobrazhensky"), ("B. Breslav", "#breslav"), ("V. Smirnov", "#smirnov-vm"),
        ("Osinsky", "#osinsky"), ("I. N. Smirnov", "#smirnov-in")]


def test_people_sharing_a_surname_told_apart_by_their_record():
    root = convert("S.S. Kamenev wrote from the front. Kamenev, as chairman of the Moscow Soviet, will see to it.")
    assert refs(root, "persName") == [("S.S. Kamenev", "#kamenev-ss"), ("Kamenev", "#kamenev-lb")]


def test_transliterated_initials_and_repeated_provisional_names():
    root = convert("Iu.Kh. Lutovinov spoke. I.N. Sidelnikov and Ivan N. Sidelnikov are one man.")
    assert refs(root, "persName") == [("Iu.Kh. Lutovinov", "#lutovinov"), ("I.N. Sidelnikov", "#sidelnikov"),
                                      ("Ivan N. Sidelnikov", "#sidelnikov")]


def test_unknown_bodies_get_provisional_org_records():
    root = convert("Send it through the Trade Delegation and the Military Revolutionary Committee; the committee agreed.")
    assert [(t, a.get("ref"), a.get("cert")) for t, a in marked(root, "orgName")] == [
        ("Trade Delegation", "#trade-delegation", "low"),
        ("Military Revolutionary Committee", "#military-revolutionary-committee", "low")]


def test_unknown_places_by_head_noun_or_prefix():
    root = convert("He was shot at the Hotel Cecil; the crowd met on Theatre Square.")
    assert [(t, a.get("ref"), a.get("cert")) for t, a in marked(root, "placeName")] == [
        ("Hotel Cecil", "#hotel-cecil", "low"), ("Theatre Square", "#theatre-square", "low")]


def test_an_office_before_a_known_name_in_a_signature_stays_outside():
    from lxml import etree

    from tei_toolkit import convert_text

    text = ("Letter from L.D. Trotsky to Lenin\n\n4 October 1918\n\nTo Lenin:\n\n1. The first point.\n\n"
            "Predrevvoensovet Trotsky\n")
    signed = etree.fromstring(convert_text(text).tei).find(f".//{TEI}closer/{TEI}signed")
    assert [(p.text, p.get("ref")) for p in signed.iter(f"{TEI}persName")] == [("Trotsky", "#trotsky")]


def test_an_owner_before_a_body_is_not_part_of_its_name():
    root = convert("General Krasnov’s Don Army, the Volga Flotilla and the Military Opposition.")
    assert texts(root, "orgName") == ["Don Army", "Volga Flotilla", "Military Opposition"]
    assert texts(root, "placeName") == []
