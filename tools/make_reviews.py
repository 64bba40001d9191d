"""Write `ulmfit_nb/assets/reviews.csv`: the small labelled review corpus that `ulmfit train` uses by default.

The reviews are composed for this project from the hand-written phrase bank below (no text is taken from IMDb or
any other dataset). Each review picks a kind of work (film, series, documentary, novel, album, game, stage show), a
made-up title and names, then strings together 1-6 sentences: an opener, remarks about aspects of the work, often a
concession that points the other way ("The only real flaw is ..."), and usually a verdict. Polarity is carried by
the overall balance, not by a single keyword: negative reviews praise something, positive ones complain about
something, negation flips phrases ("not funny", "never boring"), and a few verdicts are just scores. So the corpus
is learnable but not trivial.

Usage: python tools/make_reviews.py [--out ulmfit_nb/assets/reviews.csv] [--n 1000] [--seed 20261125]
Deterministic: the same seed gives the same file byte for byte.
"""
import argparse, csv, io, os, random, tempfile
from pathlib import Path

KINDS = {  # kind -> (nouns for it, aspects that apply, people words)
    'film':        (['film', 'movie', 'picture', 'flick'], ['acting', 'plot', 'direction', 'music', 'visuals', 'pacing', 'dialogue', 'ending', 'effects', 'humour']),
    'series':      (['series', 'show', 'season', 'miniseries'], ['acting', 'plot', 'pacing', 'dialogue', 'ending', 'music', 'humour', 'characters']),
    'documentary': (['documentary', 'doc', 'film'], ['narration', 'visuals', 'research', 'pacing', 'music', 'interviews']),
    'novel':       (['novel', 'book', 'read'], ['prose', 'plot', 'characters', 'pacing', 'dialogue', 'ending', 'humour']),
    'album':       (['album', 'record', 'LP'], ['vocals', 'production', 'songs', 'lyrics', 'music']),
    'game':        (['game', 'title', 'sequel'], ['gameplay', 'story', 'visuals', 'music', 'controls', 'characters', 'pacing']),
    'play':        (['production', 'play', 'show', 'musical'], ['acting', 'staging', 'music', 'plot', 'dialogue', 'pacing']),
}
GENRES = {
    'film': ['horror', 'romantic comedy', 'western', 'war', 'science fiction', 'crime', 'animated', 'family', 'heist',
             'period', 'disaster', 'musical', 'noir', 'martial arts', 'sports', 'coming-of-age', 'superhero', 'courtroom'],
    'series': ['crime', 'medical', 'fantasy', 'sitcom', 'political', 'anthology', 'teen', 'cooking', 'legal', 'spy'],
    'documentary': ['nature', 'music', 'true crime', 'sports', 'history', 'food', 'science', 'political'],
    'novel': ['mystery', 'fantasy', 'literary', 'thriller', 'historical', 'romance', 'young adult', 'science fiction'],
    'album': ['folk', 'jazz', 'metal', 'pop', 'hip-hop', 'country', 'electronic', 'indie rock', 'soul'],
    'game': ['puzzle', 'racing', 'role-playing', 'platform', 'strategy', 'survival horror', 'open-world'],
    'play': ['Broadway', 'community theatre', 'touring', 'fringe', 'opera', 'Shakespeare'],
}
T1 = ['Midnight', 'Copper', 'Silent', 'Broken', 'Northern', 'Glass', 'Hollow', 'Scarlet', 'Last', 'Paper', 'Iron',
      'Winter', 'Golden', 'Lost', 'Crimson', 'Quiet', 'Electric', 'Velvet', 'Salt', 'Wild', 'Distant', 'Seventh']
T2 = ['Harbor', 'Creek', 'Orchard', 'Kingdom', 'Lighthouse', 'Garden', 'Frontier', 'River', 'Station', 'Letters',
      'Summer', 'Machine', 'Crown', 'Avenue', 'Island', 'Promise', 'Signal', 'Hunters', 'Tides', 'Carnival', 'Engine']
TITLE_FORMS = ['{a} {b}', 'The {a} {b}', '{b} of the {a} Sky', 'A {a} {b}', 'The {b}', '{a} {b} II', 'Return to {a} {b}',
               'The {b} at {a} Point', '{b} Road']
FIRST = ['Maya', 'Tom', 'Elena', 'Victor', 'Grace', 'Omar', 'Nadia', 'Felix', 'Rosa', 'Daniel', 'Ingrid', 'Samuel',
         'Lucia', 'Arthur', 'Priya', 'Hugo', 'June', 'Marcus', 'Clara', 'Kenji', 'Beatrice', 'Leon', 'Amara', 'Otto']
LAST = ['Hale', 'Moreau', 'Okafor', 'Lindqvist', 'Brennan', 'Castillo', 'Novak', 'Ashford', 'Ferreira', 'Whitlock',
        'Tanaka', 'Delacroix', 'Morrow', 'Kowalski', 'Reyes', 'Fairbanks', 'Sato', 'Mbeki', 'Greer', 'Holloway']
ROLE = {'film': ['director', 'lead actor', 'lead actress', 'screenwriter', 'composer'],
        'series': ['showrunner', 'lead actor', 'lead actress', 'writers'],
        'documentary': ['director', 'narrator', 'filmmaker'],
        'novel': ['author', 'writer'], 'album': ['singer', 'band', 'producer', 'songwriter'],
        'game': ['studio', 'developers', 'designers'], 'play': ['cast', 'director', 'lead', 'company']}

OPENERS = [  # for any kind of work
    "{title} is the new {genre} {noun} from {name}.", "After all the hype I finally got around to {title}.",
    "My {who} recommended {title} to me months ago.", "I had high hopes for {title}.", "I had low expectations for {title}.",
    "So, {title}.", "This is my second time through {title}.", "I picked up {title} on a whim.",
    "{title} has been sitting on my list for ages.", "Where do I even start with {title}?",
    "I'm a big fan of {genre} {noun}s and {title} looked right up my alley.", "{name}'s {title} arrived with a lot of buzz.",
    "I don't usually write reviews, but {title} made me.", "I was a little wary of another {genre} {noun}, but {title} came well reviewed.",
    "I remember loving the original, so I tried {title}.", "I went into {title} knowing almost nothing about it.",
]
KIND_OPENERS = {  # only where they make sense
    'film': ["I watched {title} last weekend with my {who}.", "Saw {title} on opening night.", "Caught {title} on a long flight.",
             "My {who} dragged me to {title}."],
    'series': ["I binged {title} over a long weekend.", "Watched all of {title} with my {who}.", "Caught up on {title} on a long flight."],
    'documentary': ["I watched {title} last night with my {who}.", "Caught {title} at a small festival screening."],
    'novel': ["Our book club picked {title} this month.", "I read {title} in two sittings.", "Finished {title} on the train this morning."],
    'album': ["I've had {title} on repeat all week.", "Listened to {title} twice through on release day.", "My {who} played {title} on a long drive."],
    'game': ["I've sunk about forty hours into {title}.", "Spent the whole weekend with {title}.", "Finished {title} last night."],
    'play': ["Saw {title} on opening night.", "My {who} dragged me to {title}.", "Caught the matinee of {title}."],
}
WHO = ['wife', 'husband', 'kids', 'brother', 'sister', 'roommate', 'dad', 'mom', 'friends', 'girlfriend', 'boyfriend', 'coworker', 'neighbour']

# aspect remarks: {a} is filled with a detail word; every aspect has positive and negative phrasings
POS = {
    'acting': ["The performances are superb, especially {name} as the {char}.", "{name} gives a warm, lived-in performance as the {char}.",
               "Every member of the cast seems to understand exactly what the story needs.", "{name} is magnetic in every scene.",
               "The chemistry between the two leads is genuinely lovely.", "Even the smallest roles are played with real care."],
    'plot': ["The story keeps folding back on itself in clever ways.", "The plot is tight, surprising and never cheats.",
             "The twists feel earned rather than thrown in for shock.", "It tells a simple story and tells it beautifully.",
             "Every thread pays off by the end."],
    'direction': ["{name} directs with a confident, patient hand.", "The direction is precise without ever feeling cold.",
                  "Each scene is framed with obvious love."],
    'music': ["The score is gorgeous and I've had it on repeat since.", "The soundtrack fits every mood perfectly.",
              "The music lifts the quieter moments without drowning them."],
    'visuals': ["It looks stunning, with some of the best {place} shots I've seen.", "The cinematography is breathtaking.",
                "Visually it is a feast from start to finish.", "The colours and lighting are just beautiful."],
    'pacing': ["It moves briskly and never drags.", "The pacing is spot on: it takes its time when it should and races when it must.",
               "I never once checked the time."],
    'dialogue': ["The dialogue is sharp and often very funny.", "People talk like real people here.", "Some of the lines are instantly quotable."],
    'ending': ["The ending is perfect, and it stayed with me for days.", "The final scene is one of the most moving things I've seen this year.",
               "The last act ties everything together beautifully."],
    'effects': ["The effects are seamless and serve the story.", "The creature work is genuinely impressive."],
    'humour': ["It is laugh-out-loud funny in places.", "The jokes land far more often than not.", "There's a gentle, dry humour running through it."],
    'characters': ["The characters feel like people you actually know.", "I cared about every one of these characters.",
                   "The {char} is one of the best characters I've met in years."],
    'narration': ["The narration is calm, clear and never condescending.", "{name}'s narration is warm and thoughtful."],
    'research': ["It is meticulously researched and fair to every side.", "I learned something new in nearly every scene."],
    'interviews': ["The interviews are candid and revealing.", "The people they talk to are fascinating."],
    'prose': ["The prose is elegant without being showy.", "{name} writes sentences you want to read twice.",
              "The writing is vivid and precise."],
    'vocals': ["The vocals are raw and gorgeous.", "{name}'s voice has never sounded better."],
    'production': ["The production is crisp and full of small details.", "It sounds fantastic on good headphones."],
    'songs': ["There isn't a weak track on it.", "The songs are catchy and varied.", "Track three alone is worth the price."],
    'lyrics': ["The lyrics are honest and often heartbreaking.", "The words are clever without trying too hard."],
    'gameplay': ["The gameplay loop is addictive.", "The combat feels fluid and rewarding.", "The puzzles are clever and fair."],
    'story': ["The story is surprisingly moving.", "The story kept me playing well past midnight."],
    'controls': ["The controls are tight and responsive.", "Everything feels smooth and intuitive."],
    'staging': ["The staging is inventive, using the small space brilliantly.", "The set design is gorgeous."],
}
NEG = {
    'acting': ["The acting is wooden across the board.", "{name} seems bored as the {char}, and it shows.",
               "Nobody in the cast appears to know what film they're in.", "The performances range from flat to embarrassing.",
               "There's zero chemistry between the leads.", "{name} overacts every single line."],
    'plot': ["The plot makes no sense at all.", "The story is full of holes you could drive a truck through.",
             "The twist is obvious from the first ten minutes.", "Nothing that happens has any consequence.",
             "The script feels like three unfinished drafts stapled together."],
    'direction': ["The direction is clumsy and unfocused.", "{name} seems to have no idea where to put the camera.",
                  "Scenes start and stop with no sense of rhythm."],
    'music': ["The score is loud, generic and constantly telling you what to feel.", "The soundtrack is instantly forgettable.",
              "The music drowns out half the dialogue."],
    'visuals': ["It looks cheap and murky.", "The cinematography is flat and ugly.", "Half of it is so dark you can't see anything."],
    'pacing': ["It drags terribly in the middle.", "The pacing is glacial.", "I checked my watch more times than I can count.",
               "It feels twice as long as it is."],
    'dialogue': ["The dialogue is painfully clunky.", "Nobody talks like this in real life.", "Every line sounds like it came from a greeting card."],
    'ending': ["The ending is a complete cop-out.", "The final act falls apart completely.", "It just stops rather than ends."],
    'effects': ["The effects look unfinished.", "The CGI is distractingly bad."],
    'humour': ["The jokes fall flat.", "It is never as funny as it thinks it is.", "I didn't laugh once."],
    'characters': ["The characters are paper-thin.", "I didn't care about a single one of these people.",
                   "The {char} is insufferable from start to finish."],
    'narration': ["The narration is smug and preachy.", "{name}'s narration is monotonous."],
    'research': ["It is one-sided and skips anything inconvenient.", "Basic facts are simply wrong."],
    'interviews': ["The interviews go nowhere.", "Most of the talking heads have nothing to say."],
    'prose': ["The prose is overwritten and exhausting.", "{name} never met an adjective they didn't like.",
              "The writing is flat and repetitive."],
    'vocals': ["The vocals are buried and strained.", "{name}'s voice sounds tired."],
    'production': ["The production is muddy and overcompressed.", "Everything is mixed at the same deafening volume."],
    'songs': ["The songs all blur together.", "There are maybe two decent tracks here.", "Most of it is filler."],
    'lyrics': ["The lyrics are clichéd.", "Some of the rhymes made me wince."],
    'gameplay': ["The gameplay is repetitive and shallow.", "The combat is clunky and unresponsive.", "The puzzles are tedious busywork."],
    'story': ["The story is a mess.", "I stopped caring about the story halfway through."],
    'controls': ["The controls are sluggish and awkward.", "The camera fights you constantly."],
    'staging': ["The staging is static and cramped.", "The set wobbled every time someone shut a door."],
}
# negated phrasings: an opposite-looking word that means the review's polarity
NEG_OF_POS = ["It is not boring for a second.", "I wouldn't call any of it predictable.", "Nothing here feels wasted.",
              "It never once talks down to its audience.", "I can't remember the last time I was this gripped.",
              "There isn't a single dull moment.", "Not bad at all, actually: much better than that."]
NEG_OF_NEG = ["It is not good, and not even bad in a fun way.", "I can't say I enjoyed any of it.", "It never comes together.",
              "Nothing about it is memorable.", "I wouldn't call it funny.", "It is not scary, not clever and not short.",
              "There isn't a single moment of real tension."]
CHAR = ['detective', 'mother', 'villain', 'young soldier', 'widower', 'teacher', 'captain', 'narrator', 'sidekick',
        'thief', 'doctor', 'grandfather', 'ghost', 'robot', 'chef']
PLACE = ['coastal', 'desert', 'city', 'mountain', 'night-time', 'underwater', 'forest']

# concessions: the review's polarity holds, the sentence praises or blames something minor
CONCEDE_POS = ["Sure, the {asp} could have been stronger, but it hardly matters.", "The only real flaw is the {asp}, which {be} a bit uneven.",
               "It isn't perfect: the {asp} let it down in places.", "Some people will find the {asp} a bit much.",
               "Admittedly the {asp} {be} nothing special.", "I had a few problems with the {asp}, but they faded fast."]
CONCEDE_NEG = ["To be fair, the {asp} {be} decent.", "The {asp} {be} the one good thing here.", "I'll give it this: the {asp} {be} lovely.",
               "There are flashes of promise in the {asp}.", "The {asp} {be} actually pretty good, which makes the rest more frustrating.",
               "It starts well enough."]
MIXED_POS = ["I expected to hate it, but I ended up loving it.", "It took me a while to warm up to it, but by the end I was won over.",
             "The first half is shaky, the second half is wonderful.", "Slow start, huge payoff."]
MIXED_NEG = ["It starts out promising and then goes nowhere.", "I really wanted to like it, I did.",
             "The trailer was great; the real thing, not so much.", "For about twenty minutes I thought it might be good."]

VERDICT_POS = ["Highly recommended.", "Go see it.", "One of the best {noun}s of the year.", "I'll be thinking about it for a long time.",
               "Absolutely worth your time.", "A small gem.", "{n}/10.", "{n} out of 10, easily.", "Loved it!",
               "Easily the best {genre} {noun} I've seen in years.", "Can't wait to experience it again.",
               "Don't let the slow start put you off.", "Bring tissues.", "Five stars from me.", "A must for fans of {genre} {noun}s.",
               "Worth every penny.", "I smiled the whole way home."]
VERDICT_NEG = ["Skip it.", "Avoid.", "What a waste of {price}.", "I want my two hours back.", "{m}/10.", "{m} out of 10, and that's generous.",
               "Not recommended.", "Save your money.", "A real disappointment.", "Easily the worst {genre} {noun} I've seen in years.",
               "I gave up halfway through.", "Wait for it to hit the bargain bin, or better yet, don't.", "One star, for the popcorn.",
               "Fans of {genre} {noun}s deserve better.", "I nearly walked out."]
SHOUT_POS = ["WOW.", "Just WOW!", "BRILLIANT!!", "What a ride!", "Stunning. Simply stunning."]
SHOUT_NEG = ["UGH.", "Terrible. Just terrible.", "WORST. {NOUN}. EVER.", "Seriously, what was that?", "Yikes..."]
PRICE = ['time', 'money', 'an evening', 'a Saturday', 'twenty dollars']

# a wide sentiment lexicon for composed remarks: with ~100 adjectives a side, 800 training reviews do not show every
# word with its label, so a classifier must know some of them from elsewhere (a pretrained language model's reading)
ADJ_POS = ("superb wonderful brilliant excellent terrific gorgeous stunning beautiful lovely delightful charming gripping "
           "compelling engrossing riveting moving touching heartfelt powerful haunting memorable fascinating clever witty "
           "hilarious funny smart sharp inventive original fresh exciting thrilling breathtaking magnificent masterful "
           "marvelous fantastic amazing outstanding remarkable impressive splendid exquisite elegant sublime tender warm "
           "sweet uplifting inspiring wise thoughtful intelligent nuanced subtle rich vivid believable convincing authentic "
           "natural confident assured polished solid strong perfect flawless great fine enjoyable entertaining fun likable "
           "engaging absorbing captivating enchanting dazzling spectacular glorious satisfying refreshing poignant affecting "
           "sincere honest unforgettable bold ambitious").split()
ADJ_NEG = ("awful terrible horrible dreadful atrocious abysmal dire dull boring tedious tiresome bland flat lifeless wooden "
           "stiff clumsy awkward sloppy lazy shoddy cheap tacky silly stupid dumb idiotic ridiculous absurd laughable "
           "pathetic lame weak feeble poor mediocre forgettable pointless senseless incoherent confusing muddled messy "
           "chaotic shallow hollow empty predictable formulaic generic cliched derivative stale tired repetitive annoying "
           "irritating obnoxious unbearable unwatchable painful excruciating embarrassing pretentious smug preachy overlong "
           "slow plodding dreary depressing ugly hideous unconvincing implausible unbelievable contrived forced hammy "
           "amateurish inept incompetent bad horrendous disappointing uninspired unfunny pedestrian").split()
INTENS = ['', '', '', 'really ', 'truly ', 'utterly ', 'genuinely ', 'quite ', 'remarkably ', 'thoroughly ', 'simply ',
          'consistently ', 'surprisingly ', 'downright ', 'just ']
COMPOSED = ["The {asp} {be} {i}{adj}.", "I found the {asp} {i}{adj}.", "What stays with you is how {adj} the {asp} {be}.",
            "The {asp} {be} {i}{adj}, and the {asp2} {be2} {adj2}.", "From start to finish it feels {i}{adj}.",
            "{Adj} {asp}, {adj2} {asp2}.", "Everything about the {asp} is {adj}.", "It is {i}{adj} and {adj2}.",
            "The word for the {asp} is {adj}.", "Honestly, the {asp} {be} {adj}."]


def make_review(rng, pos:bool, n_sent:int):
    "One review of polarity `pos` with about `n_sent` sentences, as a string; `None` when its sentences of polarity `pos` are not the majority."
    kind = rng.choice(list(KINDS)); nouns, aspects = KINDS[kind]
    a, b = rng.choice(T1), rng.choice(T2)
    title = rng.choice(TITLE_FORMS).format(a=a, b=b)
    if rng.random() < 0.3: title = f'"{title}"'
    ctx = dict(title=title, noun=rng.choice(nouns), genre=rng.choice(GENRES[kind]), who=rng.choice(WHO),
               name=f'{rng.choice(FIRST)} {rng.choice(LAST)}', n=rng.choice([7, 8, 8, 9, 9, 10]), m=rng.choice([1, 2, 2, 3, 4]),
               price=rng.choice(PRICE))
    ctx['NOUN'] = ctx['noun'].upper()
    main_bank, other_bank = (POS, NEG) if pos else (NEG, POS)
    def fill(s, adjs=ADJ_POS):
        asp, asp2 = rng.sample(aspects, 2)
        adj, adj2 = rng.sample(adjs, 2)
        c = dict(ctx, char=rng.choice(CHAR), place=rng.choice(PLACE), asp=asp, be='are' if asp.endswith('s') else 'is',
                 asp2=asp2, be2='are' if asp2.endswith('s') else 'is', adj=adj, adj2=adj2, Adj=adj.capitalize(), i=rng.choice(INTENS))
        if rng.random() < 0.4: c['name'] = f'{rng.choice(FIRST)} {rng.choice(LAST)}'
        return s.format(**c)
    # each sentence tagged +1 (the review's polarity), -1 (the other one) or 0 (neither: openers, concessions)
    sents = []
    if n_sent >= 3 or (n_sent == 2 and rng.random() < 0.4): sents.append((fill(rng.choice(OPENERS + KIND_OPENERS[kind])), 0))
    body = []
    asp = rng.sample(aspects, k=min(len(aspects), max(1, n_sent)))
    remark = lambda x, good: (fill(rng.choice(COMPOSED), ADJ_POS if good else ADJ_NEG) if rng.random() < 0.6
                              else fill(rng.choice((POS if good else NEG)[x])))  # composed, or from the phrase bank
    for x in asp[:max(1, n_sent - 2)]: body.append((remark(x, pos), 1))
    r = rng.random()
    if r < 0.18: body.insert(rng.randrange(len(body) + 1), (fill(rng.choice(NEG_OF_POS if pos else NEG_OF_NEG)), 1))
    elif r < 0.30: body.insert(0, (fill(rng.choice(MIXED_POS if pos else MIXED_NEG)), 1))
    if n_sent >= 3 and rng.random() < 0.55:   # a concession pointing the other way
        body.insert(rng.randrange(len(body) + 1), (fill(rng.choice(CONCEDE_POS if pos else CONCEDE_NEG)), 0))
    n_main = len(body)
    n_other = min(sum(rng.random() < 0.35 for _ in range(n_sent // 2)), n_main - 1)  # fewer than the main remarks
    for _ in range(n_other):   # outright remarks of the other polarity about other aspects: a mixed review
        x = rng.choice(aspects); body.insert(rng.randrange(len(body) + 1), (remark(x, not pos), -1))
    sents += body
    if rng.random() < 0.8: sents.append((fill(rng.choice(VERDICT_POS if pos else VERDICT_NEG)), 1))
    if rng.random() < 0.12: sents.insert(rng.randrange(len(sents) + 1), (fill(rng.choice(SHOUT_POS if pos else SHOUT_NEG)), 1))
    sents = sents[:max(1, n_sent)] if n_sent <= 2 else sents[:n_sent + 1]
    tags = [t for _, t in sents]
    if tags.count(1) <= tags.count(-1): return None  # cut short, it no longer says what its label says: the caller draws again
    sents = [x for x, _ in sents]
    # paragraph breaks the way IMDb-style reviews carry them, some lower-casing and exclamations
    out = sents[0]
    for s in sents[1:]: out += (' <br /><br />' if rng.random() < 0.15 else ' ') + s
    if rng.random() < 0.05: out = out.lower()
    if rng.random() < 0.08: out = out.replace('.', '!', 1)
    if rng.random() < 0.05: out = out.replace('. ', '... ', 1)
    return out


def make_corpus(n:int=1000, seed:int=20261125, valid_pct:float=0.2):
    "`n` distinct reviews (half positive) as rows `(text, label, is_valid)`, the validation rows stratified by class, deterministic for `seed`."
    rng = random.Random(seed)
    rows, seen = [], set()
    while len(rows) < n:
        pos = len(rows) % 2 == 0
        text = make_review(rng, pos, rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]))
        if text is None or text in seen: continue
        seen.add(text); rows.append((text, 'pos' if pos else 'neg'))
    rng.shuffle(rows)
    valid = set()  # stratified: the same share of each class in the validation set
    for lab in ('pos', 'neg'):
        idx = [i for i, (_, l) in enumerate(rows) if l == lab]
        valid |= set(rng.sample(idx, int(round(len(idx) * valid_pct))))
    return [(t, l, i in valid) for i, (t, l) in enumerate(rows)]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--out', default=str(Path(__file__).resolve().parent.parent/'ulmfit_nb'/'assets'/'reviews.csv'))
    p.add_argument('--n', type=int, default=1000, help='number of reviews')
    p.add_argument('--seed', type=int, default=20261125)
    a = p.parse_args()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator='\n'); w.writerow(['text', 'label', 'is_valid'])
    for t, l, v in make_corpus(a.n, a.seed): w.writerow([t, l, v])
    out = Path(a.out); out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix='.reviews-')
    with os.fdopen(fd, 'w', encoding='utf-8', newline='') as f: f.write(buf.getvalue())
    os.replace(tmp, out)
    print(f'{out}: {a.n} reviews, {out.stat().st_size/1024:.0f} KB')


if __name__ == '__main__': main()
