/**
 * Words that never name a cluster: English function words (articles, pronouns, auxiliaries,
 * prepositions, conjunctions, common adverbs), and the tokens that citations, figures and links leave in
 * scientific and web text ("et al.", "fig. 3", "doi", "http://www…"), which are frequent in one topic's
 * texts and so rank high under class-based TF-IDF although they say nothing about the topic. Tokens of
 * one or two characters and tokens without a letter are dropped by the tokenizer itself
 * (clusterSummary.ts), so "et", "al", "pp" and years need no entry here; they are listed anyway where
 * they are citation tokens, so the list reads as the policy.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // function words
  (
    'a about above after again against all almost along already also although always am among an and ' +
    'another any anyone anything are around as at be became because become been before being below ' +
    'between both but by can cannot could did do does doing done down during each either else enough even ' +
    'ever every few for from further had has have having he her here hers herself him himself his how ' +
    'however i if in into is it its itself just least less many may me might more most much must my myself ' +
    'neither no nor not now of off often on once one only onto or other others otherwise our ours ourselves ' +
    'out over own per perhaps quite rather same several shall she should since so some something ' +
    'sometimes still such than that the their theirs them themselves then there therefore these they this ' +
    'those though through thus to together too toward towards under until up upon us use used uses using ' +
    'usually very via was we well were what whatever when where whereas whether which while who whom whose ' +
    'why will with within without would yet you your yours yourself yourselves ' +
    "can't don't doesn't didn't isn't it's aren't wasn't weren't won't wouldn't couldn't shouldn't " +
    "i'm i've i'd i'll you're you've we're we've they're they've that's there's " +
    // citation, figure, reference and link tokens
    'et al etal fig figs figure figures tab table eq eqs equation ref refs reference references cf ibid ' +
    'op cit pp vol vols no nos ed eds edn doi isbn issn pmid pmc arxiv preprint abstract ' +
    'http https www com org net edu gov html htm pdf url ' +
    // abbreviations and fillers
    'eg ie etc viz vs'
  ).split(/\s+/),
);
