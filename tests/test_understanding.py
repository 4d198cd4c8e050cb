"""How questions are understood (issue 12): the way people ask in Slack, details the article does not give,
requests for exact words, questions about the source, and follow-ups that lean on their thread."""

from __future__ import annotations

import re
import uuid

import pytest

from bot.core import wording
from bot.core.engine import AnswerEngine
from bot.core.reading import read_question

WHY_TOPIC = "why-russia"


@pytest.mark.parametrize(
    "question",
    [
        "Can you tell me why Pakistan and Russia are getting closer?",
        "Hi! Why are Pakistan and Russia getting closer?",
        "Could you explain why Pakistan and Russia are getting closer?",
        "why is pakistan gettng closer to rusia?",
        "hey bot, quick q: why r pakistan and russia getting closer these days according to the article? thx",
        "why are pak\u200bistan and russia getting closer",
        "Analyst here, doing a quick brief. Why are Pakistan and Russia getting closer?",
        "My manager is asking why Pakistan and Russia are getting closer",
        "the team wants to know why pakistan and russia are getting closer",
    ],
)
def test_greetings_politeness_and_typos_never_count_against_a_question(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_the_question_is_found_at_the_end_of_a_long_message(engine: AnswerEngine) -> None:
    message = (
        "hiya, I'm putting together slides on partnerships in the region for my manager. "
        + "I read a lot of background this morning and most of it was about trade, which is not my area. " * 8
        + "Anyway: in which areas are Pakistan and Russia planning to cooperate?"
    )
    answer = engine.answer(message)
    assert answer.grounded
    assert any("intelligence sharing" in c.quote for c in answer.citations)


def test_a_date_the_article_does_not_give_is_a_near_miss_that_shows_what_it_says(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer("On what date did the US ask Pakistan to reconsider the trip?")
    assert not answer.grounded and answer.kind == "declined"
    assert "doesn't give the date" in answer.answer
    assert any("Just days before" in c.quote or "Biden administration" in c.quote for c in answer.citations)


def test_a_name_the_article_withholds_is_a_near_miss(engine: AnswerEngine) -> None:
    answer = engine.answer("what's the name of the US official who approached Pakistan?")
    assert not answer.grounded
    assert "doesn't name the official" in answer.answer
    assert answer.citations  # what it does say: a senior Biden administration official


def test_a_described_person_is_answered_when_no_name_is_asked(engine: AnswerEngine) -> None:
    answer = engine.answer("Which American official contacted Pakistan before the visit?")
    assert answer.grounded and "Biden administration" in answer.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("what happened to pakistan russia ties in 2023?", "28 February 2022"),
        ("is pakistan gonna get off the fatf grey list soon", "28 February 2022"),
        ("in your opinion who is the better ally for pakistan, china or russia?", "doesn't give a view"),
        ("what does modi think about pakistan getting close to russia", "doesn't mention modi"),
        ("how does cpec fit into the china pakistan russia thing", "doesn't mention cpec"),
        ("how many defence deals has the us signed with india exactly", "doesn't give that figure"),
        ("how long did imran khan stay in moscow", "doesn't say how long"),
        ("who did imran khan sit down with in moscow?", "doesn't name them"),
        ("what weapons did pakistan buy from russia during the visit?", "doesn't say which weapons"),
        ("what did modi's government say about the visit", "doesn't mention modi"),
        ("which Russian minister did Qureshi meet?", "doesn't name the minister"),
        ("whats the name of the russian official qureshi spoke to", "doesn't name the official"),
        (
            "Who was the senior Biden administration official who approached Pakistan?",
            "doesn't name the official",
        ),
        ("did imran's visit fall on the same day as the invasion of ukraine?", "doesn't give the date"),
        ("how long did imran and putin talk for", "doesn't say how long"),
        ("what happened to qureshi after the trip", "28 February 2022"),
        ("which deals or contracts did pakistan sign in moscow?", "doesn't say which deals"),
    ],
)
def test_what_the_article_does_not_cover_is_declined_with_the_reason(
    engine: AnswerEngine, question: str, says: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and answer.kind == "declined"
    assert says in answer.answer


def test_a_request_for_exact_words_gets_the_articles_sentence(engine: AnswerEngine) -> None:
    answer = engine.answer("can u quote the line about the 23 years pls")
    assert answer.grounded and answer.lead == "The article's words:"
    assert any("first bilateral visit by a Pakistani leader in 23 years" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("who wrote this?", "Kamran Yousaf"),
        ("what does the writer actually do, like whats his job", "correspondent"),
        ("which newspaper ran this?", "Express Tribune"),
        ("when was this published", "28 February 2022"),
        ("when did this piece come out", "28 February 2022"),
        ("what's the headline?", "Why Pakistan and Russia are getting closer?"),
        ("quote the subheading pls", "considered expanding relationship with Russia a vital foreign policy"),
    ],
)
def test_questions_about_the_source_are_answered_from_it(
    engine: AnswerEngine, question: str, shown: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded
    assert shown in answer.answer + " ".join(c.quote for c in answer.citations)


def _thread(engine: AnswerEngine, *questions: str):  # type: ignore[no-untyped-def]
    conversation = uuid.uuid4().hex
    return [engine.answer(q, conversation=conversation) for q in questions][-1]


def test_how_come_asks_for_the_reason_behind_the_last_answer(engine: AnswerEngine) -> None:
    answer = _thread(engine, "What changed in US policy towards South Asia?", "Why did it do that?")
    assert answer.grounded and "China" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_and_the_chinese_asks_the_last_question_about_china(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "What does the US think of Pakistan getting closer to Russia?", "and the chinese?"
    )
    assert answer.grounded and answer.topic == "china-factor"


def test_says_who_names_the_source_of_the_last_claim(engine: AnswerEngine) -> None:
    answer = _thread(engine, "did pakistan think the visit was the right call?", "says who?")
    assert answer.grounded
    shown = answer.answer + " ".join(c.quote for c in answer.citations)
    assert "Kamran Yousaf" in shown and "Qureshi" in shown


def test_what_else_says_so_when_the_thread_has_everything(engine: AnswerEngine) -> None:
    answer = _thread(engine, "What did the US ask Pakistan to do?", "What else did they demand?")
    assert answer.grounded and answer.lead == "That's all the article says on this:"


def test_a_name_the_article_mentions_once_is_answered_by_its_sentence(engine: AnswerEngine) -> None:
    """ "The IMF angle": a name the embedding may not know, which the article mentions once."""
    answer = engine.answer("what's the IMF angle here")
    assert answer.grounded and answer.topic == "economic-pressure"
    assert any("IMF" in c.quote for c in answer.citations)


def test_a_pronoun_after_who_wrote_it_means_the_author(engine: AnswerEngine) -> None:
    answer = _thread(engine, "who wrote this?", "is he any good? what does he cover")
    assert answer.grounded and "foreign affairs correspondent" in answer.answer


def test_what_did_that_lead_to_moves_on_from_the_last_answer(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "does pakistan blame the US for the FATF grey list?", "and what did that lead to?"
    )
    assert answer.grounded
    assert "diversif" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_he_in_a_follow_up_is_the_person_the_thread_was_about(engine: AnswerEngine) -> None:
    answer = _thread(engine, "who's the foreign minister?", "what did he make of the visit")
    assert answer.grounded and "pros and cons" in answer.answer


def test_a_name_asked_for_in_a_follow_up_is_the_named_role_of_the_last_answer(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "did the US contact pakistan before the trip?", "who was it exactly? got a name?"
    )
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_now_in_a_question_the_article_answers_is_the_articles_now(engine: AnswerEngine) -> None:
    answer = engine.answer("how close are pakistan and russia now, are they allies?")
    assert answer.grounded and "strategic partnership" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "tldr why did pakistan say no to the US?",
        "fwiw did the FM say pakistan mustnt waste the chance?",
        "imo theyre getting closer because of china, is that what the article says?",
    ],
)
def test_chat_tags_and_contractions_without_apostrophes_are_not_names(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded, answer.answer


def test_asking_for_the_actual_names_is_asking_for_a_name(engine: AnswerEngine) -> None:
    answer = engine.answer("what defence deals did the US sign with india? the actual names pls")
    assert not answer.grounded and "doesn't name" in answer.answer


def test_tldr_alone_asks_for_the_summary(engine: AnswerEngine) -> None:
    answer = engine.answer("tldr?")
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_an_attempt_to_have_the_trip_called_off_is_not_a_claim_that_it_was(engine: AnswerEngine) -> None:
    tried = engine.answer("did the US try to get pakistan to call off the trip?")
    claimed = engine.answer("why did pakistan cancel the trip")
    assert tried.kind == "answer" and claimed.kind == "correction"
    for wanted in (
        "who on the us side leaned on pk to skip the moscow trip?",
        "what did washington want from islamabad, just drop the visit or more than that",
    ):
        assert engine.answer(wanted).kind == "answer", wanted


def test_who_exactly_points_back_at_the_last_answer(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "did the US contact pakistan before the trip?", "who exactly was the messenger in washington"
    )
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_a_negated_premise_agrees_with_the_article_and_is_not_corrected(engine: AnswerEngine) -> None:
    answer = engine.answer("why didn't pakistan just call off the trip given all the pressure?")
    assert answer.kind == "answer" and "did not cancel" in answer.answer


def test_a_point_is_read_under_its_topic_so_the_two_rivals_are_pakistan_and_russia(
    engine: AnswerEngine,
) -> None:
    """ "Efforts by the two former Cold War rivals…" does not say who the two are; its topic's title does."""
    answer = engine.answer("wait werent pakistan and russia basically enemies back in the day")
    assert answer.grounded and "Cold War" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_a_who_question_about_a_role_no_close_sentence_mentions_is_declined(engine: AnswerEngine) -> None:
    answer = engine.answer("Who is the president of Russia?")
    assert not answer.grounded


def test_a_who_question_answered_only_by_its_own_people_is_a_near_miss(engine: AnswerEngine) -> None:
    answer = engine.answer("who was the pakistani prime minister who went to moscow before imran khan did?")
    assert not answer.grounded and "doesn't name" in answer.answer


def test_is_that_in_the_article_shows_where_the_last_answer_comes_from(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "did the US put india on a par with NATO allies?", "is that actually in the article?"
    )
    assert answer.grounded and "Kamran Yousaf" in answer.answer
    assert any("NATO" in c.quote for c in answer.citations)


def test_anything_on_a_subject_follows_up_on_the_thread(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "what went wrong between the US and pakistan recently?", "anything on the financial side?"
    )
    assert answer.grounded and "IMF" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_a_message_with_two_questions_is_answered_by_the_one_that_stands_alone(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "why did the americans decide to get so close to new delhi in the first place? what was the goal"
    )
    assert answer.grounded and "China" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_a_message_in_capitals_names_no_one_called_by_its_words(engine: AnswerEngine) -> None:
    answer = engine.answer("WHO IS NUDGING PAKISTAN AND RUSSIA CLOSER TOGETHER LATELY")
    assert answer.grounded and "China" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_a_remark_after_the_question_is_the_askers_view_not_a_request_for_the_bots(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer("isn't this just pakistan ditching the west for moscow? reads like propaganda tbh")
    assert answer.grounded and "move away from the US or West" in " ".join(c.quote for c in answer.citations)
    assert not engine.answer("is this article propaganda?").grounded


def test_a_short_label_before_a_colon_is_not_part_of_the_question(engine: AnswerEngine) -> None:
    """ "gut check, one line: is the US gonna…" asks for a prediction, as it would without its label."""
    labelled = engine.answer("gut check, one line: is the US gonna sanction pakistan over this trip?")
    assert not labelled.grounded and "after" in labelled.answer


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("was the moscow visit a one-off thing or part of something bigger", "several years of"),
        (
            "intern q: were pakistan and russia ever enemies or something? "
            "what was the relationship like before",
            "Cold War rivals",
        ),
    ],
)
def test_a_key_points_curated_questions_find_it_when_its_sentence_is_worded_far_from_the_question(
    engine: AnswerEngine, question: str, words: str
) -> None:
    """The sentences say "(part) of several years of (…) efforts", "former Cold War rivals": too far in
    meaning from how these are asked, but close to questions their key points are curated to answer."""
    answer = engine.answer(question)
    assert answer.grounded and words in " ".join(c.quote for c in answer.citations)


def test_a_country_the_article_never_names_is_declined_in_any_case(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "does it say anything about afghanistan? seems like the obvious reason to cooperate"
    )
    assert not answer.grounded and "Afghanistan" in answer.answer
    assert engine.answer("which areas will the russian federation and pakistan cooperate in?").grounded


@pytest.mark.parametrize(
    "question",
    [
        "was it a no-brainer for pakistan to go to moscow?",  # "brainer" is part of a word, not a name
        "were the pakistan russia efforts secret?",  # "secret" asks nothing of the bot's own
        # an emoji ends a sentence: "whatsapp" is in the story before the question, not in it
        "my cousin keeps forwarding whatsapp stuff about this and im tired of it lol 😂 anyway "
        "what did the US ask pakistan to do before the trip?",
    ],
)
def test_everyday_words_and_the_story_before_a_question_do_not_stop_its_answer(
    engine: AnswerEngine, question: str
) -> None:
    assert engine.answer(question).grounded


def test_a_follow_up_whose_pronoun_was_read_as_someone_never_quoted_is_read_as_asked(
    engine: AnswerEngine,
) -> None:
    """ "they" read as the official of the last answer asks what the official said back, which the article
    never quotes; read as asked, in its thread, it is answered."""
    answer = _thread(
        engine,
        "what did the biden people want from islamabad before the moscow trip?",
        "and what did they say back?",
    )
    assert answer.grounded


def test_what_dates_asks_for_a_date_the_article_does_not_give(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "who actually went to moscow, imran khan himself?", "nice. what dates exactly was he there?"
    )
    assert not answer.grounded and "doesn't give the date" in answer.answer
    actual = engine.answer("what were the actual dates imran was in moscow?")
    assert not actual.grounded and "doesn't give the date" in actual.answer


def test_what_the_writer_says_is_what_the_article_says(engine: AnswerEngine) -> None:
    for question in ("what did the writer say about china", "what does kamran yousaf say about the imf"):
        assert engine.answer(question).grounded, question


def test_what_a_titled_person_said_is_declined_when_the_close_sentence_has_someone_else(
    engine: AnswerEngine,
) -> None:
    """The article has "a senior Biden administration official", never the president himself."""
    assert not engine.answer("What did President Biden personally say to Imran Khan?").grounded
    assert engine.answer("what did the us official say?").grounded


def test_a_capital_is_read_as_its_country(engine: AnswerEngine) -> None:
    """ "Islamabad" and "the Kremlin" are Pakistan and Russia to the embedding too: the topic's overview."""
    answer = engine.answer("why is islamabad cosying up to the kremlin?")
    assert answer.grounded and answer.topic == WHY_TOPIC


@pytest.mark.parametrize(
    ("question", "words"),
    [
        (
            "what stuff are pk and ru actualy working together on, right?",
            "areas of cooperation",
        ),  # pk, ru; tag
        (
            "the piece claims the west cant do anything about moscow? thats a strech tbh",
            "other means",
        ),  # typo
    ],
)
def test_chat_abbreviations_tags_and_typos_of_rarer_words_are_read_as_meant(
    engine: AnswerEngine, question: str, words: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and words in " ".join(c.quote for c in answer.citations)


def test_a_rare_word_one_letter_from_a_far_commoner_word_of_the_article_is_its_typo(
    engine: AnswerEngine,
) -> None:
    """ "minster" is an English word (a church), but here it is "minister" mistyped."""
    answer = engine.answer("whos the minster quoted in this")
    assert answer.grounded and "Qureshi" in " ".join(c.quote for c in answer.citations)


def test_a_summary_of_one_subject_is_that_topics_overview(engine: AnswerEngine) -> None:
    assert engine.answer("whats the india angle in this piece, tldr").topic == "india-factor"
    assert engine.answer("tldr?").topic == WHY_TOPIC


def test_the_last_one_asks_for_a_name_and_when_do_they_asks_about_the_future(engine: AnswerEngine) -> None:
    last = _thread(
        engine, "how long since a pk leader went to moscow one-on-one?", "who was the last one tho"
    )
    assert not last.grounded and "doesn't name" in last.answer
    later = _thread(engine, "pk is stuck on the fatf grey list per this?", "when do they get off it")
    assert not later.grounded and "28 February 2022" in later.answer


def test_a_sentence_sharing_no_word_with_the_question_must_be_closer_in_meaning(engine: AnswerEngine) -> None:
    """ "weather" and "cold" are close to the embedding; the weather is not in the article."""
    assert not engine.answer("what's the weather in islamabad rn ☀️?").grounded


def test_a_question_naming_its_subject_by_a_pronoun_keeps_the_statement_before_it(
    engine: AnswerEngine,
) -> None:
    """The statement says who "they" are; its tag ("…, right?") asks only for agreement, so the question is
    the sentence after it, and "in the cold war" is no event the answer must be about."""
    answer = engine.answer(
        "pakistan and russia used to be on opposite sides back during the cold war days, right? so what is "
        "pushing them to make up these days, per the article"
    )
    assert answer.grounded and "Cold War rivals" in " ".join(c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "message",
    [
        "sorry if this is basic, but who wrote this?",
        "might be a dumb q but who wrote this?",
        "not sure the article covers it, but who wrote this?",
    ],
)
def test_a_hedge_before_the_question_is_not_part_of_it(engine: AnswerEngine, message: str) -> None:
    assert engine.read(message).question.query == "who wrote this?"


def test_a_specific_thing_asked_for_that_the_close_sentences_never_mention_is_declined(
    engine: AnswerEngine,
) -> None:
    """ "Specific" names what is asked for: projects, which no sentence about energy names."""
    answer = engine.answer("any concrete energy projects between pk and russia?")
    assert not answer.grounded and "which projects" in answer.answer
    assert engine.answer("what specific areas did they pick for cooperation?").grounded


def test_when_asks_for_a_time_and_a_sentence_placing_nothing_in_time_is_a_near_miss(
    engine: AnswerEngine,
) -> None:
    placed = engine.answer("when was pakistan placed on the grey list?")
    assert not placed.grounded and "doesn't say when" in placed.answer and placed.citations
    assert engine.answer("when did the us change its south asia policy?").grounded


def test_which_one_and_trade_volume_ask_for_a_name_and_a_figure(engine: AnswerEngine) -> None:
    which = engine.answer("which pakistani leader was the one who went to moscow before imran khan?")
    assert not which.grounded and "doesn't name" in which.answer
    volume = engine.answer("what's the annual trade volume between the two?")
    assert not volume.grounded


@pytest.mark.parametrize(
    "question",
    ["which minister was the one who defended the trip?", "who was the minister who defended the trip?"],
)
def test_a_sentence_nearly_as_close_that_names_the_person_asked_for_leads(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and "Qureshi" in answer.answer


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("can you explain the economic side of it?", "economic-pressure"),
        ("walk me through the china angle", "china-factor"),
    ],
)
def test_one_part_of_the_story_asked_for_is_its_topics_overview(
    engine: AnswerEngine, question: str, topic: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and answer.topic == topic and len(answer.citations) >= 2
    assert engine.answer("tldr?").topic == WHY_TOPIC


def test_asked_how_it_turned_out_a_judgement_nearly_as_close_answers(engine: AnswerEngine) -> None:
    """ "did it go well?" is answered by how the article judges the outcome, not by the events again."""
    answer = _thread(engine, "pakistan defied washington and went, yeah?", "did it go well for them?")
    quoted = " ".join(c.quote for c in answer.citations)
    assert answer.grounded and ("right thing" in quoted or "cards well" in quoted)


def test_a_personal_opinion_asked_in_any_question_of_a_message_is_declined(engine: AnswerEngine) -> None:
    answer = engine.answer("does the writer think the war in ukraine is justified? whats his personal view")
    assert not answer.grounded and answer.answer == wording.NO_OPINION


def test_they_in_a_first_question_is_read_as_the_ones_the_article_is_about(engine: AnswerEngine) -> None:
    for question in (
        "how close are they these days per the article, basically allies?",
        "how tight are they right now according to the article, like a real alliance?",
        "what stage is their relationship at now per the writer?",
    ):
        answer = engine.answer(question)
        assert answer.grounded and "strategic partnership" in " ".join(c.quote for c in answer.citations)


def test_pay_off_is_not_call_off(engine: AnswerEngine) -> None:
    """ "off" is no content word: "did it pay off?" is not about calling the visit off."""
    answer = _thread(
        engine, "what did the foreign minister make of the visit?", "so did it pay off in the end?"
    )
    assert answer.grounded and "right thing" in " ".join(c.quote for c in answer.citations)


def test_an_off_topic_remark_before_a_question_the_article_cannot_answer_is_declined(
    engine: AnswerEngine,
) -> None:
    assert not engine.answer("slightly off-topic but how's the weather in islamabad rn?").grounded


def test_someones_reaction_asked_as_a_noun_is_what_they_said(engine: AnswerEngine) -> None:
    """ "Russia's official response" asks what Russia said, and the article quotes no one from Russia."""
    assert not engine.answer("what was moscow's official response to the american pressure?").grounded
    assert not engine.answer("and the kremlin's reaction to all this?").grounded
    assert engine.answer("what was pakistan's response to the americans?").grounded


def test_who_was_in_a_group_asks_for_names_the_article_does_not_give(engine: AnswerEngine) -> None:
    answer = engine.answer("who else went along with imran khan on the moscow trip?")
    assert not answer.grounded and "doesn't name" in answer.answer


def test_for_how_long_asks_about_an_event_only_when_one_is_named(engine: AnswerEngine) -> None:
    """ "US ally… for how long?" is answered by "for decades"; how long a stay lasted is not given."""
    ally = engine.answer("was pakistan on the american side back then? for how long?")
    assert ally.grounded and "decades" in ally.answer
    stay = engine.answer("imran was in moscow for how long?")
    assert not stay.grounded and "how long" in stay.answer


def test_what_something_led_to_may_be_the_consequence_already_told(engine: AnswerEngine) -> None:
    """The answer about the US's coldness already says it pushed Pakistan to diversify: asked what that led
    to, that sentence still answers (the thread is told it is all the article says, or it is repeated)."""
    answer = _thread(
        engine,
        "how does the writer describe washington's attitude to pakistan recently?",
        "and what did that result in?",
    )
    assert answer.grounded and "diversify" in " ".join(c.quote for c in answer.citations)


def test_says_who_after_a_remark_asks_about_the_last_thing_the_article_said(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "did pakistan think it through before going?", "feels like spin to me honestly", "says who?"
    )
    assert answer.grounded and "Kamran Yousaf" in answer.answer and answer.citations


def test_who_told_them_asks_who_the_last_answer_comes_from(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "pakistan was told to take a clear stance against russia?", "wait who told them that?"
    )
    assert answer.grounded and "senior Biden administration official" in " ".join(
        c.quote for c in answer.citations
    )


def test_a_link_to_the_article_and_an_acknowledgement_keep_the_thread_on_the_source(
    engine: AnswerEngine,
) -> None:
    link = engine.answer("got a link to the tribune piece?")
    assert link.grounded and link.topic == "about-the-source"
    assert engine.answer("nvm found it").kind == "help"
    answer = _thread(engine, "got a link to the tribune piece?", "nvm found it", "when was that?")
    assert answer.grounded and "28 February 2022" in answer.answer


def test_is_x_even_mentioned_is_answered_by_the_sentences_that_mention_it(engine: AnswerEngine) -> None:
    energy = engine.answer("my boss is convinced it's about oil — is energy even discussed?")
    assert energy.grounded and "energy" in " ".join(c.quote for c in energy.citations)
    pipeline = engine.answer("does the piece talk about the gas pipeline at all?")
    assert not pipeline.grounded and "doesn't mention the gas pipeline" in pipeline.answer
    assert engine.read("is that in the piece?").resolved.intent.mention is None


def test_a_role_word_in_a_remark_after_a_who_question_is_not_the_role_asked_about(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer("who's imran khan in this story? i'm the new person on the desk, sorry")
    assert answer.grounded and "Imran Khan" in answer.answer


def test_an_age_is_a_detail_no_figure_in_the_article_gives(engine: AnswerEngine) -> None:
    """ "23 years" is a figure, not Imran Khan's age."""
    answer = engine.answer("how old is imran khan?")
    assert not answer.grounded and "age" in answer.answer
    assert engine.answer("how old is this article?").grounded


def test_they_in_a_follow_up_is_not_one_person(engine: AnswerEngine) -> None:
    """ "what did they tell them?" after the US pressed Pakistan: Pakistan's answer, not the minister's."""
    answer = _thread(
        engine,
        "heard the US leaned on pakistan right before imran flew to moscow",
        "so what did they tell them?",
    )
    assert answer.grounded and "politely said" in " ".join(c.quote for c in answer.citations)


def test_a_message_asking_two_things_gets_the_second_answered_too(engine: AnswerEngine) -> None:
    answer = engine.answer("why did pakistan go to moscow despite the US? and where does china come in?")
    assert answer.grounded and any(p.startswith("why-russia/") for p in answer.key_points)
    assert "China" in " ".join(c.quote for c in answer.citations)
    assert engine.answer("how does china fit in?").grounded


@pytest.mark.parametrize(
    "question",
    [
        "yaar why are pakistan and russia getting closer?",
        "acha, matlab why are pakistan and russia getting closer?",
        "bhai pakistan aur russia ke beech kya scene hai, why are pakistan and russia getting closer?",
    ],
)
def test_roman_urdu_chat_words_are_not_names(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_by_name_and_since_when_ask_for_details_the_article_does_not_give(engine: AnswerEngine) -> None:
    by_name = engine.answer("which defence agreements did the US sign with india, by name?")
    assert not by_name.grounded and "name" in by_name.answer
    since = engine.answer("since when has pakistan been stuck on the fatf grey list?")
    assert not since.grounded and "when" in since.answer


def test_two_common_words_written_as_one_are_not_a_name(engine: AnswerEngine) -> None:
    """ "pushback" (push back) and "tradeoff" are compounds: neither is a name the article never mentions."""
    answer = engine.answer("did pakistan get pushback from washington over the visit?")
    assert answer.grounded and "politely said" in answer.answer
    assert "doesn't mention Tradeoff" not in engine.answer("what was the tradeoff for pakistan?").answer


def test_nato_is_the_articles_own_word_not_the_west(engine: AnswerEngine) -> None:
    for question in ("what's the nato comparison about?", "how does nato come into it?"):
        answer = engine.answer(question)
        assert answer.grounded and answer.key_points[0] == "india-factor/defence-deals", question
        assert "NATO" in " ".join(c.quote for c in answer.citations)


def test_where_the_asker_read_it_does_not_change_the_answer(engine: AnswerEngine) -> None:
    for question in ("why is islamabad cozying up to moscow", "what's driving pakistan toward russia"):
        plain = engine.answer(f"{question}?")
        for tail in (", per the tribune analysis?", " according to the piece?", ", per the express tribune?"):
            answer = engine.answer(f"{question}{tail}")
            assert answer.grounded and answer.key_points == plain.key_points, tail


def test_what_was_done_while_he_was_in_moscow_needs_a_sentence_about_the_visit(engine: AnswerEngine) -> None:
    """The article says nothing of what was agreed in Moscow; "while he was there" ties a question to it."""
    assert not engine.answer("did they agree on any energy projects while imran was in moscow?").grounded
    assert not engine.answer("what did imran and the russians sign while he was there?").grounded
    assert engine.answer("while imran was in moscow, what did the us want from pakistan?").grounded


def test_when_something_is_expected_to_happen_asks_about_after_the_article(engine: AnswerEngine) -> None:
    answer = engine.answer("when's pakistan likely to come off the grey list?")
    assert not answer.grounded and "28 February 2022" in answer.answer
    assert not engine.answer("when is the IMF due to ease its conditions?").grounded


def test_asked_how_it_turned_out_the_articles_judgement_answers_even_a_few_places_down(
    engine: AnswerEngine,
) -> None:
    """The article judges the visit once (Qureshi: "Pakistan did the right thing"); a follow-up asking how it
    turned out gets that sentence, not the closest one about going ahead."""
    for first, then in [
        ("why did pakistan go ahead with the trip?", "so was it a smart move in the end?"),
        ("was it an easy call for pakistan to go to moscow?", "was it worth it?"),
    ]:
        answer = _thread(engine, first, then)
        assert answer.grounded and "right thing" in " ".join(c.quote for c in answer.citations), then


def test_dc_is_washington(engine: AnswerEngine) -> None:
    """ "DC" is the US government, as "Washington" is: not a name the article never mentions."""
    answer = engine.answer("what does DC want from islamabad?")
    assert answer.grounded and "reconsider" in answer.answer


def test_someone_on_a_team_asked_for_by_name_is_an_official_the_article_does_not_name(
    engine: AnswerEngine,
) -> None:
    """ "Prime Minister Imran Khan" in the same sentence is not the name of the one on the Biden team."""
    answer = engine.answer("who on the american side asked pakistan to reconsider? name?")
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_how_someone_took_it_or_whether_they_issued_anything_asks_what_they_said(
    engine: AnswerEngine,
) -> None:
    """The article quotes no one from India or China on the trip; it says how Pakistan took the request."""
    assert not engine.answer("how did india take imran's trip?").grounded
    assert not engine.answer("did beijing issue any statement about the trip?").grounded
    pakistan = engine.answer("how did pakistan take the us request?")
    assert pakistan.grounded and pakistan.key_points[0] == "us-stance/said-no"


def test_how_close_they_are_is_answered_by_how_far_it_has_gone_not_by_why(engine: AnswerEngine) -> None:
    answer = engine.answer("how close are pakistan and russia these days?")
    assert answer.grounded and answer.key_points[0] == "cooperation/strategic-partnership"


def test_a_contraction_typed_without_its_apostrophe_is_no_name(engine: AnswerEngine) -> None:
    for question in ("could pakistan have called off the trip if the us shouldve pushed harder?",
                     "theyll keep going to moscow, wouldve thought the us would stop them?"):  # fmt: skip
        assert "doesn't mention" not in engine.answer(question).answer, question


def test_what_year_it_was_published_asks_the_articles_date(engine: AnswerEngine) -> None:
    answer = engine.answer("what year was this published tho")
    assert answer.grounded and "2022" in answer.answer


def test_like_before_a_question_word_is_a_filler_so_a_short_why_follows_up(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "what changed in us policy towards south asia?", "why tho like whats the point of it"
    )
    assert answer.grounded and "counter" in answer.answer


def test_during_a_period_is_no_event_the_answer_must_be_about(engine: AnswerEngine) -> None:
    answer = engine.answer("were pakistan and russia friends during the cold war?")
    assert answer.grounded and "Cold War" in " ".join(c.quote for c in answer.citations)
    assert not engine.answer("did they sign any arms deals while imran was over there?").grounded


def test_a_claim_checked_with_does_it_say_that_is_read_with_the_claim(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "rumour going round: 'washington kept islamabad on the grey list'. "
        "does the article actually say that?"
    )
    assert answer.grounded and "grey list" in answer.answer


def test_how_someone_reacted_without_did_asks_what_they_said(engine: AnswerEngine) -> None:
    """ "How the Russians reacted…?", as many write it without "did", asks what Russia said."""
    assert not engine.answer("how the russians reacted to the us pressure?").grounded
    assert engine.answer("What was Pakistan told to do about the Ukraine conflict?").grounded


def test_article_date_asks_when_it_was_published(engine: AnswerEngine) -> None:
    answer = engine.answer("Article date kindly?")
    assert answer.grounded and "2022" in answer.answer


def test_who_did_it_gets_the_point_quoting_the_one_who_did_it(engine: AnswerEngine) -> None:
    """One sentence holds two points (the historic trip; the US request through an official): asked who from
    the American side made contact before the PM went, the point quoting the official leads."""
    answer = engine.answer("who from the american side got in touch before the PM left for moscow?")
    assert answer.grounded and "official" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("message", "lead"),
    [("US view?", "us-stance/asked-to-reconsider"), ("China role?", "china-factor/china-helped")],
)
def test_a_two_word_message_naming_a_part_of_the_story_is_that_topics_overview(
    engine: AnswerEngine, message: str, lead: str
) -> None:
    answer = engine.answer(message)
    assert answer.grounded and answer.key_points[0] == lead


def test_the_name_of_that_person_is_the_name_of_the_one_the_last_answer_was_about(
    engine: AnswerEngine,
) -> None:
    answer = _thread(
        engine, "Who approached Pakistan from the US side about the Moscow visit?", "name of that person?"
    )
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_did_someone_say_anything_asks_what_they_said(engine: AnswerEngine) -> None:
    """The article quotes no one from the State Department; it does say what Pakistan told the US."""
    assert not engine.answer("did the state department say anything about the trip?").grounded
    assert engine.answer("did pakistan say anything back to the us?").grounded


def test_a_long_messages_question_keeps_its_rewording_right_after_it(engine: AnswerEngine) -> None:
    message = (
        "hi everyone, i'm on the history part of our group project and i'm kind of lost with where to begin "
        "tbh... when did things between america and pakistan start going bad? "
        "like whats the turning point he talks about"
    )
    answer = engine.answer(message)
    assert answer.grounded and "South Asia policy" in " ".join(c.quote for c in answer.citations)


def test_a_word_without_vowels_is_shorthand_not_a_name(engine: AnswerEngine) -> None:
    answer = engine.answer("does qureshi thnk the visit was worth it in the end?")
    assert answer.grounded and "convinced" in answer.answer


def test_and_china_after_a_question_naming_no_one_asks_what_the_article_says_of_china(
    engine: AnswerEngine,
) -> None:
    answer = _thread(engine, "who was pushing back on the pm's trip", "n china?")
    assert answer.grounded and answer.topic == "china-factor"


def test_date_alone_asks_the_articles_date_but_in_a_thread_the_date_of_what_was_said(
    engine: AnswerEngine,
) -> None:
    fresh = engine.answer("date?")
    assert fresh.grounded and "2022" in fresh.answer
    threaded = _thread(engine, "who approached pakistan before the trip?", "date?")
    assert not threaded.grounded and "doesn't give the date" in threaded.answer
    assert any("Biden administration official" in c.quote for c in threaded.citations)


def test_name_alone_in_a_thread_asks_the_name_of_the_one_just_mentioned(engine: AnswerEngine) -> None:
    answer = _thread(engine, "who approached pak from the us side abt the visit", "name?")
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_what_an_acronym_stands_for_is_the_articles_words_for_it(engine: AnswerEngine) -> None:
    answer = engine.answer("what does NSG stand for? it's in the article and I don't want to guess")
    assert answer.grounded and "Nuclear Suppliers Group" in answer.answer
    assert "Nuclear Suppliers Group (NSG)" in answer.citations[0].quote
    # The article uses FATF without spelling it out: it says so, and shows where it is used.
    fatf = engine.answer("whats the full form of fatf")
    assert not fatf.grounded and "doesn't spell out FATF" in fatf.answer and fatf.citations


def test_what_was_signed_at_the_visit_is_not_the_us_deals_with_india(engine: AnswerEngine) -> None:
    for question in ("did imran and putin sign anything??", "what agreements were signed in moscow?"):
        answer = engine.answer(question)
        assert not answer.grounded and "doesn't say what was signed" in answer.answer, question
    # The article's agreements are the US's with India; a question about those is answered.
    deals = engine.answer("What kind of deals did the US do with India?")
    assert deals.grounded and "defence agreements" in " ".join(c.quote for c in deals.citations)
    # A clause granting it is not the question ("…even tho it never signed the npt").
    assert engine.answer("what did the US let india have even tho it never signed the npt").grounded


def test_a_remark_in_the_askers_own_voice_after_the_question_is_context_not_the_question(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "was it an easy call for them tho? my students are going to assume pakistan just shrugged off the US"
    )
    assert answer.grounded and "not an easy decision" in answer.answer
    asked = engine.answer(
        "what did the US ask pakistan to do before the trip? trying to explain the pressure part simply"
    )
    assert asked.grounded and asked.key_points[0] == "us-stance/asked-to-reconsider"


def test_a_request_for_the_exact_line_in_a_thread_quotes_what_was_just_said(engine: AnswerEngine) -> None:
    first = "what does the article say the effect on south asia was of the US building up india's military?"
    for request in ("can I get the exact line? going on a slide", "give me the exact quote"):
        answer = _thread(engine, first, request)
        assert answer.grounded and answer.answer.startswith("The article's words"), request
        assert "strategic and conventional balance" in " ".join(c.quote for c in answer.citations), request


def test_what_the_asker_already_knows_before_so_is_context_and_according_to_the_writer_is_no_subject(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "for decades pakistan was in the US camp, so what was the turning point according to the writer?"
    )
    assert answer.grounded and "turning point" in answer.answer.lower()
    assert "strategic shift" in " ".join(c.quote for c in answer.citations)


def test_a_request_without_a_question_is_read_from_its_sentence_about_the_article(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "need a punchy soundbite for the episode trailer — something from the piece about how pakistan sees "
        "its own position. one line the host can read out"
    )
    assert answer.grounded and answer.key_points[0] == "outlook/playing-cards"


def test_what_someone_thinks_asked_without_does_is_what_they_think(engine: AnswerEngine) -> None:
    answer = engine.answer("tell me how pakistan sees its own position")
    assert answer.grounded and answer.key_points[0] == "outlook/playing-cards"


def test_did_x_do_y_after_asks_what_came_after_the_article(engine: AnswerEngine) -> None:
    answer = _thread(engine, "pak said no to the us right", "did the us punish pak after")
    assert not answer.grounded and "doesn't say what happened after" in answer.answer
    # "and after?" sets the article's later years against the earlier ones.
    later = _thread(
        engine, "how did the US treat Pakistan back in the day when it was dealing with India?", "and after?"
    )
    assert later.grounded


def test_which_ones_specifically_of_what_the_article_only_counts_is_not_there(engine: AnswerEngine) -> None:
    answer = engine.answer("the US signed several defence agreements with india, which ones specifically?")
    assert not answer.grounded and "doesn't say which defence agreements" in answer.answer
    # What it counts and then lists is there: "several areas of cooperation — defence, intelligence…".
    listed = engine.answer("which areas specifically did they identify?")
    assert listed.grounded and "intelligence sharing" in listed.answer


def test_what_it_all_added_up_to_is_answered_by_what_it_led_to(engine: AnswerEngine) -> None:
    answer = engine.answer("what do all those grievances with the US (india, FATF, IMF) add up to?")
    assert answer.grounded and "diversify" in " ".join(c.quote for c in answer.citations[:1])


def test_what_the_headline_says_asked_about_is_not_a_request_for_the_headline(engine: AnswerEngine) -> None:
    for question in (
        "the headline-y part says they were rivals back in the day right? what kind of rivals?",
        "the headline says pakistan and russia were cold war rivals, what kind of rivals?",
    ):
        answer = engine.answer(question)
        assert answer.grounded and "Cold War rivals" in answer.answer, question
    assert engine.answer("what's the headline?").answer.startswith("The headline")


def test_a_summary_asked_first_is_an_overview_whatever_rewording_follows(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "can someone give me this whole piece in a nutshell? like why are pakistan and russia suddenly cozy"
    )
    assert answer.grounded and answer.lead is not None and answer.topic == "why-russia"
    assert answer.key_points[:2] == ["why-russia/vital-objective", "why-russia/us-tilt"]


def test_roman_urdu_mixed_in_is_read_not_taken_for_names(engine: AnswerEngine) -> None:
    qureshi = engine.answer("Qureshi sahab ka kya kehna tha?")
    assert qureshi.grounded and "Qureshi" in qureshi.answer
    assert "doesn't mention" not in engine.answer("article mein kya likha hai about the US call?").answer
    # Its question words and "and" are read: "kis ne kaha?" asks who says so, "aur china?" swaps the subject.
    said = _thread(engine, "why did pakistan go to moscow?", "kis ne kaha?")
    assert said.grounded and "Kamran Yousaf" in said.answer
    china = _thread(engine, "what does the us think of the visit?", "aur china?")
    assert china.grounded and china.topic == "china-factor"


def test_when_and_where_it_was_published_and_date_after_the_author(engine: AnswerEngine) -> None:
    published = engine.answer("when and where was this originally published?")
    assert (
        published.grounded
        and "28 February 2022" in published.answer
        and "Express Tribune" in published.answer
    )
    date = _thread(engine, "who's the writer?", "and date?")
    assert date.grounded and "28 February 2022" in date.answer


def test_in_a_long_message_the_sentence_before_the_question_is_its_context(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "I read the bit about the cold US attitude, the grey list and the IMF conditions on the bailout. "
        "What did Pakistan decide to do because of all this?"
    )
    assert answer.grounded and "diversify" in answer.answer


def test_what_happened_in_the_weeks_that_followed_is_after_the_article(engine: AnswerEngine) -> None:
    answer = engine.answer("did imran khan's government pay a price in the weeks that followed?")
    assert not answer.grounded and "28 February 2022" in answer.answer
    assert engine.answer("did Qureshi think in hindsight it was the right call?").grounded


def test_does_the_piece_name_anyone_asks_for_a_name_and_whom_it_quotes_is_no_request_for_words(
    engine: AnswerEngine,
) -> None:
    criticism = engine.answer("who was doing the criticising of the visit? the piece name anyone?")
    assert not criticism.grounded and "doesn't name" in criticism.answer
    quoted = engine.answer("which russian officials does the piece quote?")
    assert not quoted.answer.startswith("The article's words")


def test_a_message_partly_in_roman_urdu_has_no_unknown_names_in_its_urdu(engine: AnswerEngine) -> None:
    # "baare" (about) is on no list: the message's grammar words say it is Roman Urdu, not a name.
    answer = engine.answer("FATF grey list ke baare mein article kya kehta hai?")
    assert answer.grounded and "grey list" in answer.answer
    # Its question words are read: "kitne din" asks how many days, which the article does not say.
    days = engine.answer("PM ka Moscow visit kitne din ka tha?")
    assert not days.grounded and "how long" in days.answer


def test_a_judgement_reported_after_the_trip_is_not_after_the_article(engine: AnswerEngine) -> None:
    answer = engine.answer("after the visit, did Qureshi feel it was the right call?")
    assert answer.grounded and "convinced" in answer.answer
    assert not engine.answer("did the IMF hold back a tranche after the visit?").grounded


def test_headline_and_the_line_under_it_asked_together_are_both_shown(engine: AnswerEngine) -> None:
    answer = engine.answer("what's the headline and the subheading?")
    quotes = [c.quote for c in answer.citations]
    assert answer.grounded and quotes[0] == "Why Pakistan and Russia are getting closer?"
    assert quotes[1].startswith("Pakistan defied the US pressure")


def test_questions_in_the_word_order_of_english_learnt_later(engine: AnswerEngine) -> None:
    """Word orders of English learnt as a second language: the auxiliary after the subject, or the subject
    after the verb."""
    author = engine.answer("who has written this article?")
    assert author.grounded and "Kamran Yousaf" in author.answer
    assert "2022" in engine.answer("can you say me when it was published?").answer
    india = engine.answer("What has said the Indian government about Imran Khan going to Moscow?")
    assert not india.grounded
    met = engine.answer("Which Russian officials Imran Khan has met in Moscow?")
    assert not met.grounded and "doesn't name" in met.answer
    lasted = engine.answer("how long the visit lasted?")
    assert not lasted.grounded and "how long" in lasted.answer


def test_not_summary_asks_for_no_summary(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "In which fields Russia and Pakistan want to cooperate?",
        "the exact words please, not summary",
    )
    assert answer.grounded and answer.answer.startswith("The article's words")
    assert "intelligence sharing" in answer.citations[0].quote


def test_who_of_a_country_did_it_is_answered_by_the_sentence_with_the_official(engine: AnswerEngine) -> None:
    questions = ("who in washington pressed pakistan to drop the trip?", "who in the US told pk not to go")
    for question in questions:
        answer = engine.answer(question)
        assert answer.grounded and answer.key_points[0] == "us-stance/asked-to-reconsider", question


def test_what_was_done_to_pakistan_for_the_visit_is_after_the_article(engine: AnswerEngine) -> None:
    answer = engine.answer("did washington penalise pakistan over the moscow trip?")
    assert not answer.grounded and "28 February 2022" in answer.answer
    # What it might face is the article's own weighing; a claim put up for checking is answered.
    assert engine.answer("what consequences could pakistan face from the west for the visit?").grounded
    assert engine.answer("so the US basically slapped sanctions on Pakistan over this, right?").grounded


def test_tho_in_a_short_follow_up_is_no_content_word(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "what did the US actually do in the run-up to the trip?", "who exactly made the approach tho"
    )
    assert not answer.answer.startswith("The article doesn't say.")


def test_words_joined_by_a_slash_are_read_as_two(engine: AnswerEngine) -> None:
    answer = engine.answer("how does pk see the RU/West standoff for itself?")
    assert answer.grounded and "doesn't mention" not in answer.answer


def test_what_someone_thinks_asked_inside_a_request(engine: AnswerEngine) -> None:
    answer = engine.answer("can I get the exact words on how pakistan sees its own position")
    assert answer.grounded and "playing its cards well" in answer.citations[0].quote


def test_a_figure_answers_only_a_question_about_what_it_counts(engine: AnswerEngine) -> None:
    trade = engine.answer("is there a figure for pakistan-russia bilateral trade?")
    assert not trade.grounded and "doesn't give that figure" in trade.answer
    years = engine.answer("how much time had passed since a pakistani leader's last bilateral visit?")
    assert years.grounded and "23 years" in years.answer


def test_bluf_is_a_chat_tag_before_the_question(engine: AnswerEngine) -> None:
    answer = engine.answer("BLUF pls - why is pakistan warming up to moscow? one line for the note")
    assert answer.grounded and answer.topic == "why-russia" and answer.lead is not None


def test_one_sentence_in_capitals_is_read_as_if_it_were_not(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "PRAY TELL, WHO WAS IT THAT APPROACHED ISLAMABAD TO THINK AGAIN ABOUT THE TRIP? Forgive the capitals."
    )
    assert answer.grounded and "Biden administration official" in answer.answer


def test_a_summary_line_under_the_headline_is_the_standfirst(engine: AnswerEngine) -> None:
    answer = engine.answer("is there a summary line under the headline?")
    assert answer.grounded and any(c.quote.startswith("Pakistan defied") for c in answer.citations)


def test_who_in_the_pakistani_government_is_the_minister_not_the_us_official(engine: AnswerEngine) -> None:
    answer = engine.answer("who in the Pakistani govt publicly defended the trip?")
    assert answer.grounded and "Qureshi" in answer.answer


def test_what_rationale_asks_why_not_which(engine: AnswerEngine) -> None:
    answer = engine.answer("what rationale does the author give for Pakistan going ahead with the visit?")
    assert answer.grounded and "which rationale" not in answer.answer


def test_who_is_someone_the_article_names_asks_who_they_are(engine: AnswerEngine) -> None:
    answer = engine.answer("who is Qureshi? his name keeps coming up")
    assert answer.grounded and "Foreign Minister" in answer.answer


def test_what_part_someone_plays_asks_their_role_not_which_part(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "What part does China play in all this? Keep it simple, I'm not a foreign-policy person!"
    )
    assert answer.grounded and "key role" in answer.answer


def test_how_someone_felt_after_the_visit_is_a_view_the_article_reports(engine: AnswerEngine) -> None:
    # The article was written days after the visit: how Qureshi saw it then is in it, what came later is not.
    for question in (
        "did it say how qureshi felt after the visit?",
        "After the visit finish, FM Qureshi is happy or regretting?",
    ):
        answer = engine.answer(question)
        assert answer.grounded and "did the right thing" in answer.citations[0].quote, question
    later = engine.answer("did imran khan lose his job after this trip?")
    assert not later.grounded and "doesn't say what happened after" in later.answer


@pytest.mark.parametrize(
    "question",
    [
        "is imran khan still prime minister?",
        "did pakistan ever get off the grey list in the end?",
        "has pakistan been taken off the FATF grey list since?",
        "when do they expect to come out of the grey list?",
    ],
)
def test_whether_something_still_holds_or_ever_ended_asks_about_after_the_article(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and "doesn't say what happened after" in answer.answer


def test_dealing_with_someone_is_no_deal_signed(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "the US was pakistan's ally?", "how did the US deal w pakistan when india was involved?"
    )
    assert answer.grounded and "sensitivities" in " ".join(c.quote for c in answer.citations)


def test_the_line_right_under_the_title_is_the_standfirst(engine: AnswerEngine) -> None:
    for question in ("what's the subheadline?", "the exact line right under the title pls"):
        answer = engine.answer(question)
        assert "vital foreign policy objective" in " ".join(c.quote for c in answer.citations), question
        assert "getting closer?" not in " ".join(c.quote for c in answer.citations), question


@pytest.mark.parametrize(
    "question", ["what's the writer's beat?", "is the author some kind of specialist or a columnist?"]
)
def test_the_authors_beat_or_speciality_is_his_role(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and "senior foreign affairs correspondent" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["did imran sit down with putin? what did they talk about?", "what was on the agenda in moscow?"],
)
def test_who_met_whom_and_what_they_discussed_is_not_in_the_article(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and "doesn't say who met whom" in answer.answer
    assert answer.citations  # with what it does say about the visit
    # A false premise about a meeting is corrected, not declined.
    refused = engine.answer("why did pakistan refuse to meet the russians?")
    assert refused.grounded


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("what role does CN play?", "China factor"),
        ("what does the People's Republic of China have to do with it?", "China factor"),
        ("Honourable Chair, why did the Islamic Republic of Pakistan defy the US?", "vital foreign policy"),
        ("what areas of coop have they ID'd?", "intelligence sharing"),
        ("wdym FATF, whats that got to do w the US", "grey list"),
    ],
)
def test_other_names_codes_and_forms_of_address_are_no_names_the_article_lacks(
    engine: AnswerEngine, question: str, quoted: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and quoted in " ".join(c.quote for c in answer.citations), question


def test_a_country_code_the_article_never_names_is_still_not_mentioned(engine: AnswerEngine) -> None:
    answer = engine.answer("what does IR think of the visit?")
    assert not answer.grounded and "doesn't mention IR" in answer.answer


def test_where_does_x_sit_in_all_this_opening_a_thread_asks_what_about_x(engine: AnswerEngine) -> None:
    answer = engine.answer("so where does china sit in all this?")
    assert answer.grounded and "key role" in answer.answer


def test_a_word_of_address_no_dictionary_knows_is_no_name(engine: AnswerEngine) -> None:
    for question in ("fam was it an easy call for pakistan?", "was it an easy decision for pakistan, bruv?"):
        answer = engine.answer(question)
        assert answer.grounded and "not an easy decision" in answer.answer, question


def test_the_exact_headline_and_finally_getting_off_a_list(engine: AnswerEngine) -> None:
    headline = engine.answer("can u paste the exact headline pls")
    assert headline.citations[0].quote == "Why Pakistan and Russia are getting closer?"
    later = engine.answer("is pakistan still on the grey list or did they finally get off it?")
    assert not later.grounded and "doesn't say what happened after" in later.answer


def test_that_officials_actual_name_is_a_name_the_article_withholds(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "who in the US told pakistan to rethink the trip?", "what's that official's actual name?"
    )
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_his_exact_wording_of_what_he_said_quotes_the_person_of_the_thread(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "who defended the trip?", "kindly give his exact wording what he said, for our brief"
    )
    assert answer.grounded and answer.answer == wording.EXACT_WORDS and "Qureshi" in answer.citations[0].quote


def test_someones_reaction_without_the_possessive_is_what_they_said(engine: AnswerEngine) -> None:
    answer = engine.answer("what is India reaction on Imran Khan going to Moscow?")
    assert not answer.grounded


def test_roman_urdu_which_and_dealing_with_someone(engine: AnswerEngine) -> None:
    paper = engine.answer("yeh article kis paper mein chapa tha?")
    assert paper.grounded and "Express Tribune" in paper.answer
    dealing = engine.answer("pehle US india ke saath deal karte waqt pakistan ka khayal rakhta tha?")
    assert dealing.grounded and "sensitivities" in " ".join(c.quote for c in dealing.citations)


def test_someones_reaction_in_roman_urdu_is_what_they_said(engine: AnswerEngine) -> None:
    answer = engine.answer("india ka kya reaction tha IK ke moscow jaane pe?")
    assert not answer.grounded


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("when was the express tribune piece on pakistan russia published?", "28 February 2022"),
        ("what's the date on this piece? need it for a footnote", "28 February 2022"),
        ("whats the headline on that tribune article", "Why Pakistan and Russia are getting closer?"),
        ("headline, verbatim?", "Why Pakistan and Russia are getting closer?"),
    ],
)
def test_the_article_named_by_its_outlet_or_subject_is_the_article(
    engine: AnswerEngine, question: str, quoted: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and quoted in answer.answer + " ".join(c.quote for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "what does the piece say about the fat F grey list thing",
        "whats the link between the US and the I M F bailout question mark",
    ],
)
def test_what_speech_to_text_makes_of_acronyms_and_question_marks(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and "grey list" in " ".join(c.quote for c in answer.citations)


def test_am_i_is_no_acronym(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "the turning point was when the US started backing India, or am I oversimplifying it?"
    )
    assert answer.grounded


def test_a_phrase_of_the_articles_own_answers_whatever_surrounds_it(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "how far along does he say ties are: formal alliance, strategic partnership, or less?"
    )
    assert answer.grounded and "verge of strategic partnership" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("does the piece give the date russia invaded ukraine?", "doesn't give the date"),
        ("whats pakistan's trade with russia worth, the actual number", "doesn't give that figure"),
    ],
)
def test_a_date_or_a_figure_asked_in_other_words_is_not_there(
    engine: AnswerEngine, question: str, says: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and says in answer.answer


def test_what_else_besides_what_the_asker_sets_aside(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "apart from reconsidering the trip, was anything else asked of pakistan by the US?"
    )
    assert answer.grounded and "clear stance" in answer.citations[0].quote


def test_who_was_that_guy_after_a_name_the_article_withholds(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "who was the last pakistani leader to visit russia before imran",
        "ok but who was that guy tho",
    )
    assert not answer.grounded and "doesn't name" in answer.answer


def test_agreeing_to_buy_is_an_agreement(engine: AnswerEngine) -> None:
    answer = engine.answer("did pakistan agree to buy russian jets?")
    assert not answer.grounded and "doesn't say what was signed or agreed" in answer.answer


def test_the_date_and_the_authors_role_asked_in_one_message_are_both_answered(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "When was the article published? I need it for a footer. Also is the writer some kind of specialist?"
    )
    assert "28 February 2022" in answer.answer and "senior foreign affairs correspondent" in answer.answer


def test_contact_details_are_not_in_the_article(engine: AnswerEngine) -> None:
    answer = _thread(engine, "who wrote this?", "has he got a twitter handle? want to follow him")
    assert not answer.grounded and "contact details" in answer.answer
    handled = engine.answer("how did washington handle pakistan before the shift to india?")
    assert handled.grounded


def test_words_the_asker_quotes_from_the_article_find_their_sentence(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "the exact sentence about why pakistan branched out pls, I think it starts 'all these'"
    )
    assert answer.citations[0].quote.startswith("All these factors")


def test_where_does_it_say_that_quotes_the_sentences_just_given(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "did Pakistan blame America for anything money-related? I vaguely remember a loan thing",
        "where does it say that? can you quote me the bit",
    )
    assert answer.answer == wording.EXACT_WORDS
    assert any("IMF conditions" in c.quote for c in answer.citations)


def test_when_article_was_published_without_its_the(engine: AnswerEngine) -> None:
    answer = engine.answer("please tell, when article was published?")
    assert answer.grounded and "28 February 2022" in answer.answer


def test_which_leader_made_the_visit_before_asks_a_name_the_article_withholds(engine: AnswerEngine) -> None:
    answer = engine.answer("which pakistani leader made that previous bilateral visit, the one before imran?")
    assert not answer.grounded and "doesn't name" in answer.answer
    described = engine.answer("Which American official contacted Pakistan?")
    assert described.grounded


@pytest.mark.parametrize(
    "question",
    [
        "what was india's official government reaction to the visit?",
        "does he mention how delhi reacted to the trip?",
    ],
)
def test_a_reaction_the_article_never_reports_is_declined(engine: AnswerEngine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_says_who_with_a_name_asked_of_an_unnamed_official(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "a senior biden official approached pakistan before the trip, right?",
        "who said that? need a name",
    )
    assert not answer.grounded and "doesn't name the official" in answer.answer
    plain = _thread(engine, "who defended the visit?", "says who?")
    assert plain.grounded


def test_a_label_before_a_question_word_is_set_aside(engine: AnswerEngine) -> None:
    answer = engine.answer("pls confirm: who was the last pakistani leader to visit moscow before this one?")
    assert not answer.grounded and "doesn't name" in answer.answer


@pytest.mark.parametrize(
    ("first", "then", "says"),
    [
        ("what's qureshi's justification for the trip?", "who's that guy", "Foreign Minister"),
        (
            "who wrote the article?",
            "who's that guy, some random blogger?",
            "senior foreign affairs correspondent",
        ),
        ("where was that pak-russia piece published?", "when was that?", "28 February 2022"),
    ],
)
def test_who_is_that_guy_and_when_was_that_stay_on_the_thread(
    engine: AnswerEngine, first: str, then: str, says: str
) -> None:
    answer = _thread(engine, first, then)
    assert answer.grounded and says in answer.answer


def test_an_event_after_the_visit_stays_after_the_article_when_the_piece_is_asked(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "did imran survive the no-confidence vote that came after this trip? what does the piece say?"
    )
    assert not answer.grounded and "doesn't say what happened after" in answer.answer


def test_a_long_messages_question_that_names_its_own_subject_does_not_take_the_sentence_before(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "Hi all, sorry for the long one. I'm writing Friday's digest and need three bullets. "
        "I already have one about the Americans asking them to reconsider the trip. "
        "For the middle bullet I want something on how close those two countries actually are "
        "at this point - are they basically allies now, or not quite?"
    )
    assert answer.grounded and "strategic partnership" in " ".join(c.quote for c in answer.citations)


def test_which_specific_ones_the_article_names_of_what_it_only_counts(engine: AnswerEngine) -> None:
    answer = engine.answer("which specific US-India defence pacts does the article name?")
    assert not answer.grounded and "doesn't say which" in answer.answer


@pytest.mark.parametrize(
    ("first", "then", "says"),
    [
        (
            "this Express Tribune piece, who write one?",
            "he is what job there? reporter or columnist?",
            "correspondent",
        ),
        ("what is the article about?", "The article publish on which date?", "28 February 2022"),
    ],
)
def test_source_questions_in_english_learnt_later(
    engine: AnswerEngine, first: str, then: str, says: str
) -> None:
    answer = _thread(engine, first, then)
    assert answer.grounded and says in answer.answer


def test_a_language_named_as_the_askers_is_no_subject(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "I read the Tribune article already but my English reading is slow, so I want to double confirm one "
        "point: does the writer say Pakistan want to leave the US and go fully to Russia side?"
    )
    assert answer.grounded and "not moving away" in answer.answer
    turkish = engine.answer("what did the Turkish government say about the visit?")
    assert not turkish.grounded and "Turkish" in turkish.answer


@pytest.mark.parametrize(
    "question",
    [
        "did imran khan end up losing power over this trip? yes or no",
        "so india government how react to the trip?",
    ],
)
def test_losing_power_and_a_reaction_asked_topic_first_are_not_in_the_article(
    engine: AnswerEngine, question: str
) -> None:
    assert not engine.answer(question).grounded


def test_relatives_named_the_urdu_way_are_no_names_the_article_lacks(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "the US told us not to go to Moscow but we went anyway. bilkul right decision",
        "ji phuppo but who in the government defended the trip?",
    )
    assert answer.grounded and "Qureshi" in answer.answer


def test_an_articles_phrase_counts_even_when_one_word_is_set_aside_for_retrieval(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer("america was always our friend. what was the TURNING POINT when things went bad?")
    assert answer.grounded and "turning point" in answer.answer.lower()


def test_a_word_of_address_before_did_and_the_date_on_which_it_was_published(engine: AnswerEngine) -> None:
    met = engine.answer("bruv did imran meet putin? what did they talk about?")
    assert not met.grounded and "who met whom" in met.answer
    dated = engine.answer("Kindly confirm the date on which this article was published.")
    assert dated.grounded and "28 February 2022" in dated.answer


def test_wanting_to_follow_the_author_still_asks_who_wrote_it(engine: AnswerEngine) -> None:
    answer = engine.answer("who wrote this piece btw? want to follow them")
    assert answer.grounded and "Kamran Yousaf" in answer.answer


def test_where_does_x_sit_after_another_question_is_about_x_not_a_swap_into_it(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "did imran meet putin? what did they talk about?", "where does CN sit in all this?"
    )
    assert answer.grounded and "key role" in answer.answer


def test_a_guess_naming_someone_the_article_does_not_is_answered_with_what_it_says(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "which US presidents ignored Pakistan's concerns? was it only Trump or others also?"
    )
    assert answer.grounded and "Bush to Biden" in answer.answer
    assert "The article doesn't mention Trump." in answer.notes
    asked = engine.answer("what did Trump say about the visit?")
    assert not asked.grounded and "doesn't mention Trump" in asked.answer


@pytest.mark.parametrize(
    "question",
    [
        "ok so why did PK just ignore the US on the moscow trip??",
        "why did pakistan go to moscow despite US pressure?",
    ],
)
def test_why_is_answered_by_the_sentence_that_says_it_gives_the_reason(
    engine: AnswerEngine, question: str
) -> None:
    # "But the reason Pakistan defied the US pressure was that…" is among the answer's sentences, not only
    # "In view of these realities…" and the ones close to it.
    answer = engine.answer(question)
    assert answer.grounded and "vital foreign" in answer.answer


def test_why_not_asks_the_reason_of_what_was_not_so(engine: AnswerEngine) -> None:
    answer = _thread(engine, "Was going to Moscow an easy call for Islamabad?", "why not?")
    assert answer.grounded and "not an easy decision" in answer.points[0]
    assert "western countries" in answer.points[0]


def test_what_precisely_does_the_author_say_asks_for_what_it_says_not_for_names(engine: AnswerEngine) -> None:
    answer = engine.answer("what precisely does the author say about western sanctions on Russia?")
    assert answer.grounded and "sanctions" in answer.answer


def test_a_follow_up_never_reads_a_word_cut_short_in_the_threads_memory_as_a_name(
    engine: AnswerEngine,
) -> None:
    # The last answer's memory ends mid-way through "NATO"; "NAT" is no name the article lacks.
    answer = _thread(
        engine, "Para on India and nuclear tech — what access was India given?", "and why did Pakistan mind?"
    )
    assert answer.grounded and "nuclear weapons" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "how many years since a Pakistani PM last went to Moscow? number only pls, Gaz is timing us",
        "what were the two sides trying to 'bury'?? sounds like an Eastenders plot",
    ],
)
def test_a_name_in_a_remark_after_the_question_is_no_subject_of_it(
    engine: AnswerEngine, question: str
) -> None:
    assert engine.answer(question).grounded


def test_a_guess_after_the_question_still_names_someone_the_article_lacks(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "who was the last pakistani pm in moscow before imran? bet you a pint it was Nawaz"
    )
    assert not answer.grounded


def test_the_yanks_are_the_americans(engine: AnswerEngine) -> None:
    answer = engine.answer("what did the Yanks want Pakistan to do about the trip?")
    assert answer.grounded and "reconsider" in answer.answer


@pytest.mark.parametrize(
    ("first", "then", "says"),
    [
        (
            "so this was the first visit by a Pakistani leader in 23 years",
            "which PM went last time then?",
            "doesn't name the prime minister",
        ),
        (
            "it's the first bilateral visit by a Pakistani leader in 23 years, right?",
            "who made the previous one?",
            "doesn't name",
        ),
    ],
)
def test_the_one_before_asked_in_a_thread_is_not_the_one_it_named(
    engine: AnswerEngine, first: str, then: str, says: str
) -> None:
    answer = _thread(engine, first, then)
    assert not answer.grounded and says in answer.answer
    assert engine.answer("morning! who reached out to pakistan right before imran's moscow trip?").grounded


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("so the americans rang pakistan before the trip and said dont go?", "and what did they say back"),
        ("", "What did Pakistan say back to the Americans? Exact words please if the article has them"),
    ],
)
def test_how_someone_answered_is_the_sentence_telling_their_answer(
    engine: AnswerEngine, first: str, then: str
) -> None:
    answer = _thread(engine, first, then) if first else engine.answer(then)
    said = " ".join([answer.answer, *(c.quote for c in answer.citations)])
    assert answer.grounded and "politely said" in said


@pytest.mark.parametrize(
    "question",
    [
        "wetin be the effect of all this US-India defence thing on South Asia per the writer",
        "how far. so the MAIN reason Pakistan defy US pressure na wetin? one line answer abeg",
    ],
)
def test_nigerian_pidgin_mixed_in_is_no_name_the_article_lacks(engine: AnswerEngine, question: str) -> None:
    assert engine.answer(question).grounded


def test_shorthand_stays_in_a_message_partly_in_another_language(engine: AnswerEngine) -> None:
    # "abeg", "wey" make it partly Pidgin; "pls" is English shorthand, not a Pidgin word to drop.
    answer = engine.answer(
        "Abeg who be the senior Biden official wey approach Pakistan? name pls, lecturer fit ask us"
    )
    assert not answer.grounded and "doesn't name the official" in answer.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("When dem publish am? I need the date for my referencing", "28 February 2022"),
        ("when did they publish this?", "28 February 2022"),
        ("The writer is Kamran Yousaf right?", "senior foreign affairs correspondent"),
        ("what's his position at that paper?", "senior foreign affairs correspondent"),
    ],
)
def test_more_ways_to_ask_about_the_source(engine: AnswerEngine, question: str, says: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and says in answer.answer


def test_outlet_and_headline_asked_together_get_both(engine: AnswerEngine) -> None:
    answer = engine.answer("which newspaper ran this and what is the exact headline? I want to cite it")
    assert answer.grounded and "The Express Tribune" in answer.answer
    assert answer.citations[0].quote == "Why Pakistan and Russia are getting closer?"


def test_a_second_question_opening_with_pls_is_still_a_question(engine: AnswerEngine) -> None:
    answer = engine.answer("and our response kya tha? pls tell me we didn't just fold lol")
    assert answer.grounded and "politely said" in answer.answer


@pytest.mark.parametrize(
    ("first", "then", "says"),
    [
        ("", "source/author?", "Kamran Yousaf"),
        ("", "says who?", "Kamran Yousaf"),
        ("who wrote this?", "role?", "senior foreign affairs correspondent"),
    ],
)
def test_terse_source_questions(engine: AnswerEngine, first: str, then: str, says: str) -> None:
    answer = _thread(engine, first, then) if first else engine.answer(then)
    assert answer.grounded and says in answer.answer


def test_a_country_code_that_is_also_a_word_names_the_country_in_a_pair_of_codes(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer("US-IN: what changed?")
    assert answer.grounded and "India" in answer.answer
    assert engine.answer("who asked pakistan to reconsider the visit?").key_points == [
        "us-stance/asked-to-reconsider"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "cuántos años llevaba un líder pakistaní sin hacer visita bilateral a Rusia?",
        "what have the western countries done against Russia según el texto?",
        "cuáles son las áreas de cooperación que identificaron Rusia y Pakistán? need the list, gracias!",
    ],
)
def test_a_message_partly_in_a_language_with_accents_has_no_names_in_its_foreign_words(
    engine: AnswerEngine, question: str
) -> None:
    # Accented letters and inverted marks tell another language; its words are not names the article lacks,
    # and "Pakistán", "Rusia"… are read as the base spells them where it can.
    assert engine.answer(question).grounded


@pytest.mark.parametrize(
    ("first", "then", "says"),
    [
        ("", "did qureshi reckon it was the right call after the visit?", "convinced"),
        ("which paper is this from", "and the date?", "28 February 2022"),
        ("", "where was Imran going exactly, Moscow or St Petersburg?", "Moscow"),
        ("", "which US administrations ignored the concerns of Pakistan? only Trump no?", "Bush to Biden"),
    ],
)
def test_views_after_the_visit_the_date_after_the_paper_and_offered_choices(
    engine: AnswerEngine, first: str, then: str, says: str
) -> None:
    answer = _thread(engine, first, then) if first else engine.answer(then)
    assert answer.grounded and says in answer.answer


def test_a_choice_between_names_the_article_lacks_is_declined(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "first bilateral visit in 23 years?", "so who went 23 years ago? Nawaz Sharif or Musharraf?"
    )
    assert not answer.grounded


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("what areas of cooperation did they identify?", "energy piece — which project specifically?"),
        ("", "which energy projects does the article name?"),
    ],
)
def test_which_ones_of_a_kind_the_article_never_mentions_are_not_named(
    engine: AnswerEngine, first: str, then: str
) -> None:
    answer = _thread(engine, first, then) if first else engine.answer(then)
    assert not answer.grounded and "doesn't say which project" in answer.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("was it a clean decision for Isb or did they sweat the blowback?", "not an easy decision"),
        ("coop areas → list", "intelligence sharing"),
    ],
)
def test_islamabad_and_cooperation_in_shorthand(engine: AnswerEngine, question: str, says: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and says in answer.answer


def test_arabic_in_latin_letters_mixed_in_is_no_name_the_article_lacks(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "what did the US want from pakistan?",
        "mashi, and the west? what does he say they are doing about Russia",
    )
    assert answer.grounded and "sanctions" in answer.answer


def test_a_quoted_title_asking_why_is_not_the_question(engine: AnswerEngine) -> None:
    answer = engine.answer(
        'someone wants to cite the "Why Pakistan and Russia are getting closer?" piece in an essay and is'
        " asking who the author is. whats the byline"
    )
    assert answer.grounded and "Kamran Yousaf" in answer.answer


def test_nothing_more_to_say_lists_what_was_said_in_the_knowledge_bases_order(engine: AnswerEngine) -> None:
    # Every worker must give (and cache) the same reply: not the order of a set of ids, which changes with the
    # process's hash seed.
    answer = _thread(engine, "name one area pakistan and russia are gonna work together on", "what else?")
    assert answer.answer.startswith("Where Pakistan and Russia cooperate\nThat's all the article says")
    order = [p.id for p in engine.kb.points]
    assert len(answer.key_points) > 1
    assert answer.key_points == sorted(answer.key_points, key=order.index)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # the headline told of, not asked for
        ("quick q why are pakistan and russia suddenly besties lol saw the headline in my feed", "vital"),
        (
            "My late husband always said Pakistan and the Soviets were thick as thieves, so the headline"
            " rather surprised me. Weren't the two countries always old friends?",
            "Cold War rivals",
        ),
        # a remark after the question, reading nothing into it
        ("the us has been cozying up to india right? saw something about that in the piece", "India"),
    ],
)
def test_a_remark_about_the_headline_or_the_reading_is_not_the_question(
    engine: AnswerEngine, question: str, says: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and says in answer.answer


def test_someone_said_anything_asks_what_they_said(engine: AnswerEngine) -> None:
    for question in ("What is India reaction on Imran Khan going to Moscow? Delhi said anything?",
                     "Delhi said anything?"):  # fmt: skip
        assert not engine.answer(question).grounded
    assert engine.answer("Qureshi said anything?").grounded


@pytest.mark.parametrize(
    "question",
    ["is the FATF grey list thing part of this or am i misremembering", "was the us reaction overplayed"],
)
def test_an_english_word_with_a_prefix_is_no_name(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert "doesn't mention" not in answer.answer
    assert "doesn't mention modi" in engine.answer("did modi say anything about the visit?").answer


def test_a_relation_drawn_as_an_arrow_before_a_colon_is_the_subject(engine: AnswerEngine) -> None:
    answer = engine.answer("US -> pak pressure: what exactly was the ask? bullets pls")
    assert answer.grounded and "reconsider" in answer.answer


def test_a_sentence_a_curated_question_is_close_to_leads_over_one_sharing_only_words(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer("was the visit a one-off stunt or a long time coming?")
    assert answer.grounded and "several years" in answer.answer
    assert not engine.answer("which weapons is russia selling pak?? like jets or smth").grounded


def test_an_alias_in_the_plural_names_what_the_alias_does(engine: AnswerEngine) -> None:
    answer = engine.answer("Do the Americans and the Europeans have any real way of stopping Moscow?")
    assert answer.grounded and "sanctions" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Did all this business end up costing Imran Khan his job? I heard talk of a vote in Parliament.",
        "and did IK's govt survive the fallout?",
    ],
)
def test_what_became_of_the_government_is_after_the_article(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and "28 February 2022" in answer.answer


def test_how_long_a_meeting_went_is_no_gap_of_years(engine: AnswerEngine) -> None:
    for question in ("did IK actually sit down w/ putin on this trip? how long'd that go",
                     "how long did the meeting go?"):  # fmt: skip
        answer = engine.answer(question)
        assert not answer.grounded and "doesn't say how long" in answer.answer
    assert engine.answer("how long did pakistan go without a visit to moscow?").grounded


@pytest.mark.parametrize(
    ("question", "grounded", "says"),
    [
        ("have pak and russia done joint military drills? what's the exercise called", False, "doesn't name"),
        ("what's the list called that pakistan is stuck on?", True, "FATF grey list"),
        ("what's the group called that india isn't a member of?", True, "NSG"),
    ],
)
def test_what_a_thing_is_called_is_its_name_if_the_article_gives_it(
    engine: AnswerEngine, question: str, grounded: bool, says: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded is grounded and says in answer.answer


def test_the_imf_deal_is_the_bailout_not_an_agreement_asked_about(engine: AnswerEngine) -> None:
    answer = engine.answer("someone said the us is messing with pakistans imf deal?? is that in the article?")
    assert answer.grounded and "IMF conditions" in answer.answer


def test_only_a_name_put_up_for_checking_is_a_guess(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "My neighbour insists it was only the Trump administration that brushed aside Pakistan's worries. Is"
        " that what the piece says, or does it go further back?"
    )
    assert answer.grounded and "Bush to Biden" in answer.answer and "doesn't mention Trump" in answer.answer


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("wait so did pakistan end up voting against russia at the un after the invasion or", "UN"),
        ("did pakistan vote at the united nations on ukraine?", "UN"),
        ("is pakistan in the sco?", "SCO"),
    ],
)
def test_an_international_body_the_article_never_mentions_is_named_as_missing(
    engine: AnswerEngine, question: str, body: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and f"doesn't mention {body}" in answer.answer
    assert engine.answer("was it un-american of them to go?").grounded
    # (a lower-case acronym only after "the", as English writes it: not the Spanish "un")
    assert not re.search(r"\bUN\b", engine.answer("es un tema complicado pero why did pakistan go?").answer)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("whats the trade between pakistan and russia worth a year roughly?", "doesn't give that figure"),
        ("How much is the yearly trade between Pakistan and Russia?", "doesn't give that figure"),
        ("fact check: can we name the biden official who called islamabad? who was it", "doesn't name"),
    ],
)
def test_a_figure_or_name_the_article_withholds_is_said_to_be_missing(
    engine: AnswerEngine, question: str, says: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and says in answer.answer
    assert engine.answer("how many years since a pakistani leader visited?").grounded


def test_a_name_in_what_the_asker_tells_of_themselves_is_no_subject(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "I get most of my stock from Lahore and my supplier won't stop talking about imran khan flying to"
        " moscow. whats so special about that trip??"
    )
    assert answer.grounded and "23 years" in answer.answer
    answer = engine.answer(
        "Long message sorry po. My lolo used to say Pakistan and Russia were not friends long ago. In the"
        " article, how do they describe the old relationship?"
    )
    assert "lolo" not in answer.answer


def test_a_kind_asked_in_other_words_than_the_articles_is_answered_when_a_curated_question_is_close(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "What sort of arrangements has the United States made with India, according to the piece?"
    )
    assert answer.grounded and "defence agreements" in answer.answer
    assert not engine.answer("which weapons is russia selling pak?? like jets or smth").grounded


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # whose reading of the West's response: Pakistan's, who reads it
        ("how does pakistan read the west's response to russia, the sanctions and all", "sanctions"),
        # the occasion a question was relayed on is not an event of the story
        (
            "Our team lead was asking during huddle, what reasons did the Pakistan government give to defend"
            " the trip even with all the criticism?",
            "justified",
        ),
    ],
)
def test_who_reads_and_when_it_was_relayed(engine: AnswerEngine, question: str, says: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and says in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "is pakistan buying weapons from russia? like what exactly",
        "did pk end up buying jets or air defence from ru after this",
        "Is Pakistan buying fighter jets or air defence systems from Russia?",
    ],
)
def test_what_was_bought_or_sold_is_a_detail_the_article_never_gives(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and "doesn't say what was bought or sold" in answer.answer


def test_the_name_of_a_person_described_by_a_name_beside_their_role_is_not_given(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "does anyone know the name of the biden person who called pakistan about the trip?"
    )
    assert not answer.grounded and "doesn't name" in answer.answer
    answer = _thread(engine, "so the us told pk to rethink the ru trip right", "who was it tho name?")
    assert not answer.grounded and "doesn't name" in answer.answer
    assert "Qureshi" in engine.answer("what's the name of the guy who defended the trip?").answer


def test_a_thing_asked_in_slang_of_a_close_sentence_is_answered(engine: AnswerEngine) -> None:
    answer = engine.answer("what economic beef does pakistan have with the US? like fatf and all that")
    assert answer.grounded and "grey list" in answer.answer
    answer = engine.answer("any concrete energy projects between pk and russia?")
    assert not answer.grounded


def test_what_is_set_aside_without_a_comma_is_still_set_aside(engine: AnswerEngine) -> None:
    answer = engine.answer("besides skipping the trip what else did washington want from pk")
    assert answer.grounded and answer.answer.split("\n")[1].count("clear stance") == 1


def test_slack_emoji_shortcodes_are_no_words_of_the_question(engine: AnswerEngine) -> None:
    answer = engine.answer("how does china fit into all this :thinking_face:")
    assert answer.grounded and "Beijing" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "what kinda stuff are they gonna work together on, list pls",
        "what stuff are they actually teaming up on? gimme the list",
        "What practical areas have Pakistan and Russia said they want to work together on?",
    ],
)
def test_a_question_asking_what_things_is_led_by_the_sentence_listing_them(
    engine: AnswerEngine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and "intelligence sharing" in answer.answer


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("who even wrote this piece lol, some random blogger?", "Kamran Yousaf"),
        ("yo whats this article even about, speedrun the context pls", "vital foreign-policy objective"),
    ],
)
def test_even_as_emphasis_and_whats_without_its_apostrophe(
    engine: AnswerEngine, question: str, says: str
) -> None:
    answer = engine.answer(question)
    assert answer.grounded and says in answer.answer


def test_a_question_after_a_sentence_naming_its_subject_is_read_alone(engine: AnswerEngine) -> None:
    # The words of what is told first ("has the express tribune piece") weighed against the question.
    told = "my boss has the express tribune piece on {}. why are the two getting closer?"
    answer = engine.answer(told.format("pakistan and russia"))
    assert answer.grounded and answer.topic == WHY_TOPIC
    # "the two" are the ones that sentence names, not always the base's own
    assert engine.answer(told.format("india and the US")).topic != WHY_TOPIC


def test_a_filler_before_a_full_stop_leaves_the_sentence_ended(engine: AnswerEngine) -> None:
    from bot.core.reading import without_fillers

    assert without_fillers("the whole thing lol. whats the short version?") == (
        "the whole thing. whats the short version?"
    )
    message = (
        "patron at the desk has the express tribune piece on pakistan and russia printed out but doesnt want "
        "to read the whole thing lol. whats the short version of why the two are getting closer?"
    )
    answer = engine.answer(message)
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_what_someone_said_they_would_do_asks_what_is_done(engine: AnswerEngine) -> None:
    answer = engine.answer("a patron wants to know what areas pakistan and russia said they'd cooperate on")
    assert answer.grounded
    assert any("intelligence sharing" in c.quote for c in answer.citations)


def test_a_sentence_counting_the_thing_asked_is_relevant_whatever_else_is_said(engine: AnswerEngine) -> None:
    answer = engine.answer("it says the trip was a big deal bc it was the first in how many years?")
    assert answer.grounded and "23 years" in answer.answer


def test_a_name_asked_of_the_one_just_spoken_of(engine: AnswerEngine) -> None:
    unnamed = _thread(engine, "who from the US reached out to pakistan about the trip?",
                      "ok but whats the persons actual name")  # fmt: skip
    assert not unnamed.grounded and "doesn't name" in unnamed.answer
    assert not _thread(engine, "who pushed pk to cancel", "ok so whats the biden official's name").grounded
    named = _thread(engine, "who defended the visit?", "whats the ministers full name")
    assert named.grounded and "Qureshi" in named.answer


def test_the_articles_name_is_its_headline(engine: AnswerEngine) -> None:
    for question in ("what's the article's name", "whats the name of the piece?"):
        answer = engine.answer(question)
        assert answer.grounded and answer.answer.startswith("The headline")


def test_anything_about_a_subject_in_there_asks_whether_it_is_mentioned(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "i used to work for the gas company lol, is there anything about energy in there at all?"
    )
    assert answer.grounded and "energy" in answer.answer


def test_a_question_followed_by_a_remark_in_a_clause_of_its_own(engine: AnswerEngine) -> None:
    answer = engine.answer("which pm went to moscow, on site cant read the whole thing")
    assert answer.grounded and "Imran Khan" in answer.answer
    # a clause after it that asks too is part of the question: the article names no agreements
    asked = _thread(
        engine,
        "what defence stuff did the us give india per the article",
        "which agreements tho, like names?",
    )
    assert not asked.grounded


def test_tldr_after_a_question_to_the_channel_asks_the_bot(engine: AnswerEngine) -> None:
    message = (
        "anyone read the tribune piece on pakistan + russia?? tl;dr why are they getting cozy all of a sudden"
    )
    answer = engine.answer(message)
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_a_question_told_rather_than_asked(engine: AnswerEngine) -> None:
    message = (
        "Hi all! 👋 My son Aiden has a school project on an Express Tribune article about Pakistan and "
        "Russia. He's asked me to explain in really simple terms why the two countries are getting closer "
        "and honestly I'm a bit lost. Could the bot give us the main reasons? Thanks so much in advance 🙏"
    )
    answer = engine.answer(message)
    assert answer.grounded and answer.topic == WHY_TOPIC
    # told of someone the article never quotes, and asked again: still no one it quotes
    asked = (
        "Being a retired geography teacher, I wonder how India took the news of the Moscow trip. Did New "
        "Delhi say anything officially about it?"
    )
    assert not engine.answer(asked).grounded


def test_a_remark_after_the_question_does_not_decline_it(engine: AnswerEngine) -> None:
    message = (
        "morning team 👋 random but whats the tea on pakistan and russia getting all buddy buddy?? saw an "
        "article floating around"
    )
    answer = engine.answer(message)
    assert answer.grounded and answer.topic == WHY_TOPIC


@pytest.mark.parametrize(
    "thread",
    [
        ("did imran khan get kicked out not long after this? i feel like i heard that on the radio",),
        ("imran went right?", "did he survive politically after this? heard there was a vote"),
        ("who's the PM that went to moscow", "is he still in charge now?"),
    ],
)
def test_the_leaders_political_fate_came_after_the_article(
    engine: AnswerEngine, thread: tuple[str, ...]
) -> None:
    answer = _thread(engine, *thread)
    assert not answer.grounded and "28 February 2022" in answer.answer


def test_a_question_to_the_channel_tells_whom_they_are(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "anyone read that tribune piece on pakistan n russia? why are they getting so cosy all of a sudden"
    )
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_the_people_of_a_country_the_article_never_mentions(engine: AnswerEngine) -> None:
    for question in (
        "context? pakistan helped the afghan fighters vs the soviets in 79 right, does the article go into "
        "any of that",
        "what does iranian oil have to do with this",
    ):
        answer = engine.answer(question)
        assert not answer.grounded and "doesn't mention" in answer.answer
    # a language a word is put in, and a word that only begins a country's name ("para", Paraguay), are no one
    put_in = "'Efforts to mend fences' — meaning? in Indonesian 'memperbaiki hubungan'?"
    assert engine.answer(put_in).grounded
    assert engine.answer(
        "As I read para 3, Pakistan basically cancelled the Moscow trip after Washington leaned on it — can "
        "you confirm that's what the article says?"
    ).grounded


def test_a_question_to_the_channel_after_a_lead_in(engine: AnswerEngine) -> None:
    message = (
        "hey all, random lunch q - anyone read this pakistan/russia piece someone dropped in #general? tl;dr "
        "why are they getting cozy all of a sudden??"
    )
    answer = engine.answer(message)
    assert answer.grounded and answer.topic == WHY_TOPIC  # ("dropped" in #general is no trip dropped)


def test_a_possessive_without_its_apostrophe_is_no_typo(engine: AnswerEngine) -> None:
    from bot.core.reading import read_question

    assert "pakistan's" in read_question("whats pakistans endgame here", correct=engine.speller.correct).query
    assert engine.answer("whats pakistans endgame here honestly").grounded


def test_examples_after_the_question_are_part_of_it(engine: AnswerEngine) -> None:
    message = (
        "does the article go into the older history at all? like 1979, soviets going into afghanistan, "
        "pakistan backing the fighters etc"
    )
    assert not engine.answer(message).grounded
    # …but not the asker's own question after it
    own = "what kind of stuff are pakistan and russia actually going to work on together? like is there an "
    assert engine.answer(own + "opening for us to sell into lol").grounded


def test_his_name_again_is_the_name_in_the_answer_just_given(engine: AnswerEngine) -> None:
    first = (
        "ok reading the pak/russia thing for the geopolitical risk review. did their foreign minister say "
        "anything about why they went?"
    )
    answer = _thread(engine, first, "whats his name again, spelling pls")
    assert answer.grounded and "Shah Mehmood Qureshi" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "were pak and russia always buddies or is this new? asking bc my grandpa says otherwise lol",
        "ok dumb q but were pakistan and russia always besties? trying to get the backstory beat",
        "wait werent pakistan and russia on opposite sides back in the day",
        "another summary: 'the article says Pakistan and Russia have always been close friends.' hmm?",
    ],
)
def test_how_two_stood_before_is_the_sentence_telling_their_past(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and "Cold War rivals" in answer.citations[0].quote


def test_the_past_of_others_is_not_theirs(engine: AnswerEngine) -> None:
    answer = engine.answer("was pakistan always a US ally?")
    assert answer.grounded and "For decades" in answer.citations[0].quote


@pytest.mark.parametrize(
    "thread",
    [
        ("was the visit a spur of the moment thing",),
        ("is this moscow thing a one off or has it been cooking for a while",),
        ("was this visit a random thing or planned from long time? my boss thinks it was last minute",),
        ("Was this visit kind of a spur of the moment thing?", "how long had they been working on it then?"),
    ],
)
def test_sudden_or_long_in_the_making_is_the_years_of_effort(
    engine: AnswerEngine, thread: tuple[str, ...]
) -> None:
    answer = _thread(engine, *thread)
    assert answer.grounded and "several years" in answer.citations[0].quote


def test_a_sudden_event_the_article_does_not_tell_of_is_declined(engine: AnswerEngine) -> None:
    assert not engine.answer("was the ukraine war a spur of the moment thing?").grounded
    why = engine.answer("why are pakistan and russia getting cozy all of a sudden?")  # asks why, not how long
    assert why.grounded and why.topic == WHY_TOPIC


def test_a_name_asked_of_a_role_the_thread_never_spoke_of_is_the_articles(engine: AnswerEngine) -> None:
    # No minister was in the Cold War sentence just given: not its "Cold War" as a name, but the article's
    thread = ("why are pakistan and russia getting closer?", "were they always buddies tho?", "how come?")
    minister = _thread(engine, *thread, "whats the ministers full name?")
    assert minister.grounded and "Cold War" not in minister.answer
    assert "Imran Khan" in minister.answer or "Qureshi" in minister.answer
    nobody = _thread(engine, "were pakistan and russia always buddies?", "whats his name?")
    assert not nobody.grounded and "Cold War" not in nobody.answer


@pytest.mark.parametrize("question", ["whats the officials name?", "name of the official?"])
def test_a_name_asked_of_a_role_the_article_leaves_unnamed(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_a_name_half_remembered_is_still_asked_for(engine: AnswerEngine) -> None:
    for question in (
        "whats the foreign ministers name again, shah something?",
        "the FM's name, is it qureshi?",
    ):
        answer = engine.answer(question)
        assert answer.grounded and "Shah Mehmood Qureshi" in answer.answer


def test_what_the_author_does_asked_as_a_choice_of_jobs(engine: AnswerEngine) -> None:
    answer = engine.answer("is the writer like an academic or a reporter?")
    assert answer.grounded and "correspondent" in answer.answer
    outlet = engine.answer("is this from a real paper or some blog?")
    assert outlet.grounded and "Express Tribune" in outlet.answer


def test_a_part_named_as_a_label_before_its_question(engine: AnswerEngine) -> None:
    answer = engine.answer("the india nuclear bit: what did washington let them have access to?")
    assert answer.grounded and "nuclear technology" in answer.citations[0].quote


@pytest.mark.parametrize(
    "question",
    [
        "who reached out from the us side, like which office",
        "who called islamabad from the us",
        "did somebody from the white house contact pakistan?",
        "who exactly phoned pakistan from the us side? like what position",
    ],
)
def test_someone_of_a_country_is_the_sentence_of_its_official(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert "Biden administration official" in answer.citations[0].quote


def test_names_asked_for_after_the_question(engine: AnswerEngine) -> None:
    answer = engine.answer("what defence deals did the us sign with india? names if it has them")
    assert not answer.grounded and "doesn't name" in answer.answer
    named = _thread(engine, "what did the US give India?", "which deals tho, like names?")
    assert not named.grounded and "doesn't name" in named.answer


def test_a_follow_up_narrowing_the_last_question(engine: AnswerEngine) -> None:
    answer = _thread(engine, "have pakistan and russia always got along?", "like historically")
    assert answer.grounded and "Cold War rivals" in answer.citations[0].quote


def test_the_pub_date_is_the_articles_and_a_deals_date_is_not(engine: AnswerEngine) -> None:
    answer = engine.answer("pub date pls")
    assert answer.grounded and "28 February 2022" in answer.answer
    assert not engine.answer("what's the date of the F-16 deal?").grounded


def test_a_follow_up_asking_who_from_a_country(engine: AnswerEngine) -> None:
    answer = _thread(engine, "so washington tried to stop the visit?", "who from the us")
    assert "Biden administration official" in answer.citations[0].quote


def test_what_else_besides_asked_after_the_question(engine: AnswerEngine) -> None:
    answer = engine.answer("what was pakistan asked to do other than reconsider the trip")
    assert answer.grounded and "clear stance" in answer.citations[0].quote


def test_a_premise_in_another_form_of_its_word(engine: AnswerEngine) -> None:
    answer = engine.answer("so pakistan ended up cancelling the visit after the US call?")
    assert answer.grounded and "not what the article says" in answer.answer
    assert "call off" in " ".join(c.quote for c in answer.citations)
    backed = engine.answer("did the US back down on the trip?")  # "backed down" is no "backed" the trip
    assert "not what the article says" not in backed.answer


def test_the_line_under_it_after_the_headline(engine: AnswerEngine) -> None:
    answer = _thread(engine, "what's the title of the piece?", "and the line under it?")
    assert answer.grounded and "vital foreign policy objective" in answer.citations[0].quote


def test_a_remark_after_a_whats_question_in_a_clause_of_its_own(engine: AnswerEngine) -> None:
    answer = engine.answer("whats the foreign ministers name, my mind is blank")
    assert answer.grounded and "Qureshi" in answer.answer


def test_a_few_words_naming_nothing_lean_on_the_thread(engine: AnswerEngine) -> None:
    answer = _thread(engine, "so imran khan went to moscow, right", "first time in how long??")
    assert answer.grounded and "23 years" in answer.answer


def test_why_it_is_asked_is_no_part_of_the_question(engine: AnswerEngine) -> None:
    question = "was going ahead an easy call for pakistan? asking bc my editor wants a 2 line summary lol"
    answer = engine.answer(question)
    assert answer.grounded and "not an easy decision" in answer.answer


def test_what_someone_the_article_never_quotes_commented(engine: AnswerEngine) -> None:
    for question in (
        "did the state department spokesperson comment on the visit?",
        "what did the state dept spokesperson say about it?",
    ):
        assert not engine.answer(question).grounded


def test_who_exactly_after_did_anyone_asks_who_did_that(engine: AnswerEngine) -> None:
    answer = _thread(engine, "did anybody criticise the visit?", "who exactly? names pls")
    assert not answer.grounded and "Qureshi" not in answer.answer
    official = _thread(engine, "did someone from the us call pakistan?", "who exactly?")
    assert not official.grounded and "doesn't name the official" in official.answer


def test_the_day_it_ran_after_the_paper_it_ran_in(engine: AnswerEngine) -> None:
    answer = _thread(engine, "which paper published this?", "and what day did it come out?")
    assert answer.grounded and "28 February 2022" in answer.answer


def test_a_sentence_adding_to_the_answer_comes_with_it(engine: AnswerEngine) -> None:
    answer = _thread(engine, "did the us push back on the visit?", "what exactly did they want from pk tho")
    quoted = " ".join(c.quote for c in answer.citations)
    assert "reconsider" in quoted and "clear stance against Russia" in quoted


def test_nukes_are_nuclear(engine: AnswerEngine) -> None:
    answer = engine.answer("anything in there about nukes?")
    assert answer.grounded and "nuclear technology" in answer.citations[0].quote


def test_a_reaction_asked_inside_does_the_article_say(engine: AnswerEngine) -> None:
    assert not engine.answer("does the piece say anything about how china reacted to the visit?").grounded
    answer = engine.answer("does the article say anything about how the us reacted to the trip?")
    assert answer.grounded and "reconsider" in answer.answer


def test_anything_of_a_kind_related_is_the_kind(engine: AnswerEngine) -> None:
    answer = engine.answer("does it mention anything sports related?")
    assert not answer.grounded and "doesn't mention sports" in answer.answer


@pytest.mark.parametrize(
    "question", ["was washington ok with the trip?", "the US was fine w/ the visit, correct?"]
)
def test_a_premise_refuted_in_words_the_article_does_not_use(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and "not what the article says" in answer.answer
    assert "reconsider" in answer.answer


def test_someone_on_a_side_is_no_request_for_that_side_of_the_story(engine: AnswerEngine) -> None:
    answer = engine.answer("who on the american side contacted islamabad?")
    assert answer.grounded and "Biden administration official" in answer.citations[0].quote


def test_whos_the_author_by_his_name(engine: AnswerEngine) -> None:
    answer = _thread(engine, "who's yousaf?", "like whats his job there")
    assert answer.grounded and "correspondent" in answer.answer


def test_that_officials_name_after_a_statement(engine: AnswerEngine) -> None:
    answer = _thread(engine, "so a senior biden official called them", "whats that officials name")
    assert not answer.grounded and "doesn't name the official" in answer.answer


def test_what_an_acronym_even_stands_for(engine: AnswerEngine) -> None:
    answer = engine.answer("what does NSG even stand for")
    assert answer.grounded and "Nuclear Suppliers Group" in answer.answer


def test_someone_the_article_never_mentions_said_to_have_done_what_another_did(engine: AnswerEngine) -> None:
    answer = engine.answer("my uncle says it was nawaz sharif who went to moscow, right?")
    assert (
        answer.grounded and "doesn't mention nawaz" in answer.answer.lower() and "Imran Khan" in answer.answer
    )
    # …but not when the one the article names is the question's own
    assert not engine.answer("did Bilawal go with Imran to Moscow?").grounded


def test_which_role_asked_after_who_in_the_government(engine: AnswerEngine) -> None:
    answer = engine.answer("who in the cabinet defended the visit? which minister?")
    assert answer.grounded and "Qureshi" in answer.answer


def test_who_was_it_that_pressed_them_asks_who_not_a_name(engine: AnswerEngine) -> None:
    answer = engine.answer("who was it that pressured pakistan to call it off?")
    assert answer.grounded and "Biden administration official" in answer.citations[0].quote


def test_the_role_asked_is_found_further_down_than_a_shared_word(engine: AnswerEngine) -> None:
    # "reach-out" is in another sentence; the official, asked for by side, is the one answering
    answer = engine.answer("who on the US side reached out to them - what level, per the article?")
    assert "Biden administration official" in answer.citations[0].quote


def test_the_last_clause_asks_after_a_greeting_to_all_and_the_askers_own_now(engine: AnswerEngine) -> None:
    question = (
        "afternoon everyone. saw a clip about pakistan and russia on the news and now i'm wondering, "
        "why are they getting so close?"
    )
    answer = engine.answer(question)
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_does_it_give_names_asks_for_names(engine: AnswerEngine) -> None:
    answer = engine.answer("what agreements did the us sign with india, does it list names")
    assert not answer.grounded and "doesn't name" in answer.answer


def test_how_did_that_go_down_asks_what_came_of_it(engine: AnswerEngine) -> None:
    answer = _thread(engine, "did washington push imran to skip the moscow trip", "and how did that turn out")
    assert answer.grounded and "politely said" in answer.answer


def test_a_part_of_a_message_asked_of_someone_never_quoted_is_not_read_alone(engine: AnswerEngine) -> None:
    assert not engine.answer("how did india react to the moscow trip? anything from delhi?").grounded


def test_a_role_the_article_never_speaks_of_said_nothing(engine: AnswerEngine) -> None:
    assert not engine.answer("what did pakistan's army chief make of the visit").grounded
    named = _thread(engine, "who told pakistan to rethink the trip?", "do they name them tho?")
    assert not named.grounded and "doesn't name" in named.answer


def test_a_ballpark_figure_is_a_figure(engine: AnswerEngine) -> None:
    answer = _thread(engine, "how many defence deals did the us sign with india", "ballpark? like 2 or 3?")
    assert not answer.grounded


def test_how_long_the_two_had_been_trying(engine: AnswerEngine) -> None:
    answer = engine.answer("how long have the two countries been trying to patch things up")
    assert answer.grounded and "several years" in answer.answer


def test_when_something_started_asked_inside_does_it_say(engine: AnswerEngine) -> None:
    assert not engine.answer("does it say when russia's invasion of ukraine began?").grounded


def test_what_else_besides_a_thing_a_list_names(engine: AnswerEngine) -> None:
    answer = _thread(engine, "is energy part of it?", "what else are they working together on besides energy")
    assert answer.grounded and "intelligence sharing" in answer.answer


def test_any_subject_stuff_in_the_article_asks_whether_it_is_mentioned(engine: AnswerEngine) -> None:
    answer = engine.answer("any energy things in this article? asking for my uncle")
    assert answer.grounded and "energy" in answer.answer
    assert not engine.answer("anything about cricket in the article?").grounded


def test_his_in_a_follow_up_is_the_person_the_last_question_named(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "who's the foreign minister in this?", "what was his thinking on going ahead with it"
    )
    assert answer.grounded and "pros and cons" in answer.answer


def test_an_article_dropped_in_the_channel_claims_nothing_about_the_trip(engine: AnswerEngine) -> None:
    answer = engine.answer("is this the piece somebody dropped in general about imran going to moscow?")
    assert answer.kind != "correction"


@pytest.mark.parametrize(
    "thread",
    [
        ("who tried to talk imran khan out of the trip?",),
        ("was imran khan's trip to moscow a big deal?", "who tried to talk him out of it"),
    ],
)
def test_who_without_a_role_is_someone_other_than_the_one_spoken_of(
    engine: AnswerEngine, thread: tuple[str, ...]
) -> None:
    answer = _thread(engine, *thread)
    assert answer.grounded and "official" in answer.answer


def test_a_mention_question_in_a_thread_is_answered_by_the_sentence_mentioning_it(
    engine: AnswerEngine,
) -> None:
    answer = _thread(
        engine, "i only care about the economic bit tbh", "does it mention energy at all? petrol gas w/e"
    )
    assert answer.grounded and "energy" in answer.answer


def test_something_not_long_after_the_article_is_after_it(engine: AnswerEngine) -> None:
    assert not engine.answer("didnt khan get sacked not long after this? connected?").grounded


def test_what_changed_moves_on_from_the_last_answer(engine: AnswerEngine) -> None:
    answer = _thread(engine, "was pakistan in the american camp for a long time?", "what changed then")
    assert answer.grounded and "strategic shift" in answer.answer


def test_is_this_the_piece_asks_which_piece_it_is(engine: AnswerEngine) -> None:
    answer = _thread(engine, "is the yousaf article the one the boss sent round?", "and whats his job title")
    assert answer.grounded and "correspondent" in answer.answer


def test_numbers_offered_after_a_question_are_part_of_it(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "my notes say the first visit by a pakistani leader in about two decades — does the piece give the "
        "exact number? 20 or 23?"
    )
    assert answer.grounded and "23 years" in answer.answer


def test_what_was_told_before_what_else_is_set_aside(engine: AnswerEngine) -> None:
    answer = engine.answer("my source says washington wanted the trip dropped. did they want anything else?")
    assert answer.grounded and "clear stance" in answer.answer.split("\n")[1]


def test_who_was_the_last_one_before_asks_a_name(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "first pakistani pm in moscow for a long time?", "who was the previous pakistani pm that went"
    )
    assert not answer.grounded


def test_did_it_do_well_or_mess_up_asks_for_a_judgement(engine: AnswerEngine) -> None:
    answer = engine.answer("so overall did pakistan do good here or mess up?")
    shown = answer.answer + " ".join(c.quote for c in answer.citations)
    assert answer.grounded and any(words in shown for words in ("cards well", "right thing", "convinced"))


def test_what_is_told_before_a_summary_request_is_no_part_of_it(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "found this in the break room, an article on pakistan and russia. "
        "tldr why are they getting so close now??"
    )
    assert answer.grounded and answer.topic == "why-russia"


def test_a_mention_question_is_answered_only_by_a_sentence_with_all_of_it(engine: AnswerEngine) -> None:
    assert not engine.answer("does it mention an oil pipeline project between them? heard about one").grounded


def test_what_happened_there_asks_about_the_place_told_before(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "my uncle says pakistan and the soviets fell out over afghanistan back in 1979. "
        "does the article explain what happened there?"
    )
    assert not answer.grounded and "Afghanistan" in answer.answer


def test_a_request_before_asking_for_more_is_no_premise(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "Please explain what exactly Washington wanted Pakistan to do. "
        "They wanted the visit called off only or more than that?"
    )
    assert answer.grounded and "reconsider" in answer.answer


def test_a_remark_beside_a_question_naming_the_two_is_not_its_context(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "on my break at the depot in tulsa, somebody shared that tribune link in #general. "
        "why are pakistan and russia getting so friendly now??"
    )
    assert answer.grounded and answer.topic == "why-russia"


def test_a_short_word_stressed_in_capitals_is_no_acronym(engine: AnswerEngine) -> None:
    answer = engine.answer("so whats the ONE big reason pakistan went ahead anyway?")
    assert answer.grounded


def test_a_real_name_asked_like_this_is_a_name(engine: AnswerEngine) -> None:
    answer = engine.answer("does it say who from the biden team reached out to pakistan? like an actual name")
    assert not answer.grounded and "doesn't name" in answer.answer


def test_how_long_they_were_working_on_it_asks_the_years_of_effort(engine: AnswerEngine) -> None:
    answer = engine.answer("how long were the two working on this? or was it a sudden thing")
    assert answer.grounded and "several years" in answer.answer


def test_which_things_with_names_asked_after_is_which_ones(engine: AnswerEngine) -> None:
    answer = engine.answer("which defence agreements did washington sign with delhi, got names?")
    assert not answer.grounded and "doesn't say which" in answer.answer


def test_does_it_give_a_name_asks_a_name(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "someone from biden's team phoned pakistan before the trip?", "who? does it give a name"
    )
    assert not answer.grounded and "doesn't name" in answer.answer


def test_a_premise_the_article_refutes_in_so_many_words_is_corrected(engine: AnswerEngine) -> None:
    answer = engine.answer("my cousin reckons india signed the NPT so the US gave it nuclear tech, true?")
    assert answer.kind == "correction" and "not signed the NPT" in answer.answer


def test_the_words_about_a_name_the_article_uses_once_are_that_sentence(engine: AnswerEngine) -> None:
    answer = engine.answer("can u quote the part about beijing word for word")
    assert answer.citations[0].quote.startswith("Beijing")


def test_an_impression_after_a_question_is_the_askers(engine: AnswerEngine) -> None:
    answer = engine.answer("so what part does china play in this? sounds like the real story to me")
    assert answer.grounded and "Beijing" in answer.answer + " ".join(c.quote for c in answer.citations)


def test_what_the_author_thinks_others_can_do_is_no_question_about_him(engine: AnswerEngine) -> None:
    answer = engine.answer("what does the writer think the west can actually do to stop moscow?")
    assert answer.grounded and "sanctions" in answer.answer


def test_a_who_question_with_a_remark_on_rank_is_answered_by_who(engine: AnswerEngine) -> None:
    answer = engine.answer("who on the american side reached out to islamabad? what level are we talking")
    assert answer.grounded and "official" in answer.answer


def test_a_follow_up_to_what_the_article_never_mentions_stays_declined(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "did the article cover pakistan's UN vote on the ukraine resolution?",
        "ok and how'd they vote",
    )
    assert not answer.grounded


def test_dates_asked_without_a_question_word_are_dates(engine: AnswerEngine) -> None:
    answer = _thread(engine, "how many days was imran in moscow?", "any dates? when he land?")
    assert not answer.grounded


def test_whose_side_one_was_on_before_asks_how_they_stood(engine: AnswerEngine) -> None:
    answer = engine.answer("was pakistan on the american side back in the old days?")
    assert answer.grounded and "For decades" in " ".join(c.quote for c in answer.citations)


def test_does_he_have_a_twitter_asks_for_contact_details(engine: AnswerEngine) -> None:
    answer = _thread(engine, "who's the author?", "has he got a twitter or something?")
    assert not answer.grounded and "contact" in answer.answer


def test_who_exactly_with_what_position_asks_the_role_not_a_name(engine: AnswerEngine) -> None:
    answer = engine.answer("who exactly from washington approached pakistan? what position did they hold")
    assert answer.grounded and "senior Biden administration official" in answer.answer


def test_whom_the_thread_was_told_of_is_not_who_did_it_to_them(engine: AnswerEngine) -> None:
    answer = _thread(engine, "which leader made the trip to moscow?", "and who tried to talk them out of it")
    assert answer.grounded and "official" in answer.answer.split("\n")[1]


def test_a_drawn_out_word_is_the_word(engine: AnswerEngine) -> None:
    assert engine.answer("soooo was it an easy call for them to go or nahhh").grounded
    assert engine.answer("yesss but what did the US ask for exactly").grounded


def test_a_remark_after_the_question_asks_nothing(engine: AnswerEngine) -> None:
    answer = engine.answer("which US presidents ignored pakistan? got a bet on with jo, loser buys lunch")
    assert answer.grounded and "Bush" in answer.answer
    listed = engine.answer(
        "what areas are they working together on? need a list for the newspaper mockup lol"
    )
    assert listed.grounded and "intelligence sharing" in listed.answer


def test_a_claim_told_then_asked_to_confirm_is_checked(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "my manager said in standup that pakistan called off the trip bc the US leaned on them. "
        "can u confirm thats what it says?"
    )
    assert answer.kind == "correction"


def test_a_name_in_what_the_asker_recalls_is_asked_about_when_the_question_points_at_it(
    engine: AnswerEngine,
) -> None:
    answer = engine.answer(
        "I recall the Soviets invading Afghanistan and the Americans arming the mujahideen. "
        "What does the piece say about all that?"
    )
    assert not answer.grounded and "Afghanistan" in answer.answer


def test_even_with_continues_the_last_question(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "were pakistan and the US close for a long time?", "even with all the ups and downs?"
    )
    assert answer.grounded and "For decades" in " ".join(c.quote for c in answer.citations)


def test_something_wise_is_no_judgement(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "is the economy covered at all?", "ok what does pakistan blame washington for, money wise"
    )
    assert answer.grounded and "IMF" in answer.answer.split("\n")[1]


def test_a_figure_in_a_remark_after_the_question_asks_no_number(engine: AnswerEngine) -> None:
    answer = engine.answer("what did washington actually give india?? need like 3-4 bullets for a deck")
    assert answer.grounded


def test_a_question_set_aside_still_asks_of_what_it_names(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "does it go into the 1971 bangladesh war stuff? like what pakistan was doing back then with india? "
        "want it for a history slide"
    )
    assert not answer.grounded and "Bangladesh" in answer.answer


def test_who_is_the_guy_asks_of_anyone_in_the_sentence(engine: AnswerEngine) -> None:
    answer = engine.answer("whos the pakistan guy that went to russia")
    assert answer.grounded and "Imran Khan" in answer.answer


def test_how_close_would_you_say_asks_the_asker_for_no_one_elses_view(engine: AnswerEngine) -> None:
    answer = engine.answer("how far along would you say the piece thinks their ties are by now?")
    assert answer.grounded and "strategic partnership" in answer.answer


def test_anything_someone_said_asks_what_they_said(engine: AnswerEngine) -> None:
    answer = engine.answer("is there anything moscow officials or the kremlin said about imran's trip in it?")
    assert not answer.grounded


def test_a_follow_up_pressing_for_anything_asks_the_last_question_again(engine: AnswerEngine) -> None:
    answer = _thread(engine, "what did the russians say about the visit", "anything?")
    assert not answer.grounded


def test_a_time_after_a_question_narrows_it(engine: AnswerEngine) -> None:
    answer = _thread(engine, "which pakistani PM last visited russia?", "prior to imran khan")
    assert not answer.grounded and "23 years" in answer.answer


def test_a_theme_a_topic_is_titled_with_is_covered(engine: AnswerEngine) -> None:
    answer = engine.answer("does the economy come up in there at all")
    assert answer.grounded and "IMF" in answer.answer
    narrowed = _thread(engine, "is the economy covered in the piece?", "specifically energy?")
    assert narrowed.grounded and "energy" in narrowed.answer


@pytest.mark.parametrize(
    "question",
    ["why r pakistan and russia such good mates these days??", "why are pakistan and russia like bffs now"],
)
def test_why_the_two_are_anything_now_is_the_headline_question(engine: AnswerEngine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_what_one_wanted_another_to_say_asks_what_was_wanted(engine: AnswerEngine) -> None:
    answer = engine.answer("what did washington want islamabad to say on the ukraine war?")
    assert answer.grounded and "clear stance" in answer.answer


def test_bottom_line_only_asks_it_short(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "bottom line - how does islamabad reckon it's doing? my manager wants one line, ta"
    )
    assert answer.grounded and "cards well" in " ".join(c.quote for c in answer.citations)


def test_a_thing_of_several_words_asked_if_mentioned_is_mentioned_whole(engine: AnswerEngine) -> None:
    answer = engine.answer("anything in there on space cooperation - satellites, that kind of thing?")
    assert not answer.grounded
    assert engine.answer("anything in there on energy cooperation?").grounded


def test_why_did_they_asked_first_is_asked_of_the_two(engine: AnswerEngine) -> None:
    answer = engine.answer("why did they just ignore the americans this time around")
    assert answer.grounded and answer.topic == WHY_TOPIC


def test_figure_as_a_verb_asks_no_number(engine: AnswerEngine) -> None:
    answer = _thread(engine, "china brings them together?", "what do they figure the three could be together")
    assert answer.grounded and "formidable force" in answer.answer + " ".join(
        c.quote for c in answer.citations
    )


def test_staying_in_office_came_after_the_article(engine: AnswerEngine) -> None:
    answer = engine.answer("was imran khan still staying prime minister a year on?")
    assert not answer.grounded


def test_working_on_it_for_a_while_asks_the_years_of_effort(engine: AnswerEngine) -> None:
    answer = engine.answer("is the russia thing brand new or have the two been working on it for years?")
    assert answer.grounded and "several years" in answer.answer


def test_an_acronym_spelt_letter_by_letter_is_the_acronym(engine: AnswerEngine) -> None:
    answer = engine.answer("the f a t f part, what does it say")
    assert answer.grounded and "grey list" in answer.answer


def test_a_thing_mentioned_whole_is_the_words_it_opens_with(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "anything in there about a rail link between russia and pakistan? how long would it be"
    )
    assert not answer.grounded and "rail link" in answer.answer


def test_what_was_done_there_follows_the_thread(engine: AnswerEngine) -> None:
    answer = _thread(engine, "is the IMF in the article?", "what does pakistan think the US did there")
    assert answer.grounded and "IMF" in answer.answer.split("\n")[1]


def test_a_feeling_after_the_question_is_the_askers(engine: AnswerEngine) -> None:
    answer = engine.answer("how does beijing fit into all this? so glad someone finally explained this stuff")
    assert answer.grounded and "Beijing" in answer.answer


def test_who_did_what_the_thread_told_is_asked_of_that_sentence(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "Quick one. Before Imran Khan flew to Moscow, did Washington contact Pakistan at all?",
        "Who exactly was it that contacted them - is there a name or only a job title?",
    )
    assert "Biden administration official" in answer.answer


def test_the_askers_own_aim_after_a_question_is_no_part_of_it(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "Which foreign minister does the piece name? I want to get his name right in the minutes."
    )
    assert answer.grounded and "Qureshi" in answer.answer


def test_the_exact_words_asked_with_a_remark_are_found_by_their_subject(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "Could the bot give me the exact words of the line near the end about diversifying? "
        "I'd like to read it out."
    )
    assert answer.grounded and any("diversify" in c.quote for c in answer.citations)


def test_a_day_or_a_medium_in_the_askers_story_is_no_subject(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "My aunt said on Tuesday that Imran Khan cancelled the trip once the Americans asked. Is that right?"
    )
    assert answer.kind == "correction"
    answer = engine.answer("I saw on Instagram that the visit was the first in 23 years. True?")
    assert answer.grounded


def test_the_leaders_fate_asked_of_the_article_came_after_it(engine: AnswerEngine) -> None:
    answer = engine.answer("does the piece say anything about whether imran stayed on as prime minister?")
    assert not answer.grounded and "28 February 2022" in answer.answer


def test_a_total_in_dollars_asks_a_figure(engine: AnswerEngine) -> None:
    answer = engine.answer("whats the total trade in dollars between the two, does the piece say?")
    assert not answer.grounded


def test_money_troubles_is_money(engine: AnswerEngine) -> None:
    answer = engine.answer("does the piece say anything about pakistan's money troubles?")
    assert answer.grounded and "IMF" in answer.answer


def test_about_it_points_at_the_sentence_before() -> None:
    question = read_question(
        "The bit on India and nuclear technology confused me, so many acronyms! Could you explain in plain "
        "English what the article says about it, and why Pakistan minded?"
    )
    assert "nuclear" in question.query and "English" not in question.query


def test_a_piece_dropped_in_a_channel_states_no_premise(engine: AnswerEngine) -> None:
    answer = engine.answer(
        "someone dropped that tribune article on pakistan and russia in #general. "
        "why are the two getting closer?"
    )
    assert answer.kind == "answer"


def test_more_trouble_than_its_worth_asks_no_figure(engine: AnswerEngine) -> None:
    answer = engine.answer("why didnt they just scrap the trip, seems like more hassle than its worth")
    assert answer.grounded


def test_did_they_go_along_with_it_asks_how_they_replied(engine: AnswerEngine) -> None:
    answer = _thread(
        engine,
        "what did washington ask islamabad to do?",
        "and did pakistan just go along with it or argue back",
    )
    assert answer.grounded and "politely" in answer.answer.split("\n")[1]


def test_who_was_one_with_then_asks_whose_ally_it_was(engine: AnswerEngine) -> None:
    answer = _thread(
        engine, "pakistan and russia were never mates were they", "so who was pakistan with then"
    )
    assert answer.grounded and "ally" in answer.answer.split("\n")[1]


def test_anything_besides_what_the_article_says_is_all_there_is(engine: AnswerEngine) -> None:
    answer = engine.answer("has the west done anything to stop russia, besides sanctions?")
    assert answer.grounded and "only imposed sanctions" in answer.answer
