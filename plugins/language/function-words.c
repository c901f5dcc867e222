/* function-words.c: the word lists of the fast first tier, and the hash
 * table built from them (function-words.h).
 *
 * Each list holds 30 to 50 of the most frequent short words of one
 * language in news prose (articles, pronouns, prepositions, conjunctions,
 * the commonest verbs), written for this plugin, lowercase, with their
 * diacritics, at most 8 bytes (function_word_key() folds case). Romanian is listed with both comma and cedilla
 * s-forms and without diacritics, as it is found typed; a word cut at an
 * apostrophe is listed as the part the scanner sees ("d" of "d'Europe"):
 * Afrikaans "'n" and "l" of "l'Europe" are not listed, nor "s", "k",
 * "u", "o", "y", "co", "non": English news has them as initials,
 * abbreviations and the pieces of "U.S.", "'s", "Co." and "non-profit"
 * (they were the foreign words most often found in English articles).
 *
 * The lists exist to tell English from its neighbours, not to name the
 * neighbours: the first tier answers only for the languages it trusts
 * (detect-fast.c) and leaves the rest to CLD2. A word that is frequent in
 * several languages is in several lists and counts for each, which is what
 * keeps the first tier from answering where languages share their words.
 *
 * Why a table built at run time: about 1,000 distinct words go into
 * 4,096 slots once per process (a few microseconds, under a GOnce), which
 * is simpler to keep right than a perfect hash generated at build time,
 * and a probe costs about the same: one or two 64-bit comparisons.
 */
#include "config.h"

#include "function-words.h"

/* English has a longer list than its neighbours: it is the language the
 * first tier answers, and a short list left a quarter of English
 * articles (names, figures) under COVERAGE (detect-fast.c). It also
 * holds the English words that are function words elsewhere ("come",
 * "war", "met"), so that they count for both languages, not against
 * English. */
static const char *const en[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was",
  "on", "with", "as", "he", "be", "by", "at", "have", "are", "this",
  "from", "his", "not", "but", "had", "has", "they", "which", "were",
  "been", "their", "an", "or", "will", "would", "she", "its", "we",
  "said", "who", "after", "also", "more", "than", "there", "about",
  "when", "her", "them", "into", "what", "if", "could", "can", "our",
  "you", "i", "per", "up", "over", "last", "year", "all", "one", "two",
  "three", "new", "first", "other", "some", "only", "out", "then", "so",
  "do", "did", "no", "me", "my", "him", "how", "where", "while",
  "because", "before", "these", "those", "such", "may", "most", "very",
  "any", "just", "now", "against", "under", "between", "during", "since",
  "told", "says", "say", "being", "should", "still", "both", "each",
  "through", "off", "down", "many", "much", "people", "years", "own",
  "well", "back", "yet", "though", "why", "us", "here", "made", "make",
  "week", "month", "day", "time", "another", "around", "until", "like",
  "next", "even", "former", "million",
  "billion", "percent", "company", "come", "see", "war", "plus", "met",
  "am", NULL
};

/* The words of English business wire copy that are no function words:
 * counted as English words all the same. An earnings table ("Shr 45
 * cts vs 58 cts / Net 1.1 mln vs 829,000 / Revs ... / Reuter") has few
 * function words, so without these the first tier left 1,484 of 10,569
 * English news articles to CLD2 (who called 190 of them undetermined),
 * and CLD2 on them cost 110 M instructions of the stage's 198 M. Only
 * forms no other language writes in news: not "mln" (Dutch, Polish,
 * Italian), "vs", "net", "profit", "dividend", "sales". */
static const char *const en_wire[] = {
  "shr", "shrs", "cts", "dlr", "dlrs", "revs", "qtr", "qtly", "mths", "avg",
  "reuter", "loss", "includes", "excludes", "quarter", "payout", "share",
  "shares", "tax", "nine", "five", "four", "eight", "inc", "corp", "ltd",
  "march", "june", NULL
};

static const char *const de[] = {
  "der", "die", "das", "und", "in", "den", "von", "zu", "mit", "ist",
  "im", "dem", "nicht", "ein", "eine", "einen", "sich", "des", "auf",
  "für", "auch", "es", "als", "an", "werden", "wird", "bei", "sie", "er",
  "hat", "aus", "nach", "wie", "noch", "um", "dass", "oder", "sind",
  "wurde", "war", "einer", "am", "vor", "zum", "zur", "über", "ich",
  "wir", "aber", "nur", "haben", NULL
};
static const char *const nl[] = {
  "de", "het", "een", "van", "en", "in", "is", "op", "te", "dat", "die",
  "niet", "zijn", "voor", "met", "aan", "er", "als", "ook", "door",
  "wordt", "om", "bij", "maar", "nog", "uit", "of", "dan", "over", "werd",
  "al", "naar", "hij", "ze", "wel", "heeft", "worden", "deze", "was",
  "wat", "ik", "we", "tot", "hebben", NULL
};
static const char *const af[] = {
  "die", "van", "en", "is", "in", "het", "te", "dat", "nie", "op",
  "vir", "met", "hy", "was", "sy", "om", "word", "aan", "wat", "ook",
  "as", "by", "sal", "na", "maar", "deur", "kan", "ek", "ons", "hulle",
  "jy", "of", "al", "tot", "uit", "toe", "gesê", "oor", NULL
};
static const char *const fr[] = {
  "le", "la", "les", "de", "des", "et", "un", "une", "du", "en", "est",
  "que", "qui", "dans", "pour", "pas", "au", "sur", "par", "plus", "il",
  "elle", "ne", "se", "ce", "a", "sont", "avec", "aux", "ont", "son",
  "sa", "ses", "mais", "été", "cette", "ou", "leur", "nous", "vous",
  "ils", "on", "à", "d", "qu", "si", NULL
};
static const char *const es[] = {
  "el", "la", "los", "las", "de", "del", "en", "un", "una", "que",
  "es", "por", "para", "con", "se", "no", "al", "lo", "su", "sus",
  "como", "más", "pero", "fue", "ha", "han", "este", "esta", "entre",
  "sobre", "también", "son", "ya", "muy", "le", "sin", "desde", "hasta",
  "está", "dijo", "si", NULL
};
static const char *const pt[] = {
  "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "um",
  "uma", "que", "no", "na", "nos", "nas", "para", "com", "por", "não",
  "se", "é", "mais", "foi", "ao", "pelo", "pela", "como", "mas", "seu",
  "sua", "também", "são", "ser", "à", "ou", "já", "está", "disse",
  "entre", "sobre", "até", NULL
};
static const char *const gl[] = {
  "a", "os", "as", "de", "do", "da", "dos", "das", "e", "en", "un",
  "unha", "que", "é", "por", "para", "con", "se", "ao", "no",
  "na", "nos", "nas", "máis", "pero", "como", "tamén", "foi", "ser",
  "seu", "súa", "este", "esta", "ou", "xa", "moi", "entre", "sobre",
  "ata", "polo", "pola", NULL
};
static const char *const it[] = {
  "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "e",
  "in", "un", "una", "che", "è", "per", "con", "si", "da", "al",
  "alla", "nel", "nella", "sono", "ha", "più", "anche", "come", "ma",
  "sul", "dal", "degli", "delle", "questo", "a", "ad", "ed", 
  "tra", "fra", "suo", "sua", "stato", NULL
};
static const char *const ca[] = {
  "el", "la", "els", "les", "de", "del", "dels", "i", "en", "un", "una",
  "que", "és", "per", "amb", "no", "es", "al", "als", "ha", "va", "van",
  "més", "però", "com", "també", "seu", "seva", "aquest", "aquesta",
  "són", "sobre", "d", "a", "hi", "ho", "ja", "molt", "fins",
  NULL
};
static const char *const ro[] = {
  "și", "şi", "si", "în", "in", "de", "la", "a", "cu", "pe", "un", 
  "care", "nu", "că", "ca", "din", "se", "este", "sunt", "mai", "fost",
  "pentru", "au", "al", "ale", "ce", "dar", "sau", "prin", "după",
  "dupa", "fi", "iar", "lui", "ei", "acest", "această", "unei", "unui",
  NULL
};
static const char *const da[] = {
  "og", "i", "at", "det", "en", "er", "til", "på", "den", "af", "for",
  "med", "de", "som", "ikke", "et", "har", "var", "han", "hun", "der",
  "vil", "kan", "fra", "blev", "eller", "men", "om", "efter", "også",
  "skal", "ved", "sig", "være", "sagde", "have", "over", "da", "nu",
  "jeg", "vi", "hvor", "hvis", "man", "havde", "mig", NULL
};
static const char *const no[] = {
  "og", "i", "å", "det", "en", "er", "til", "på", "den", "av", "for",
  "med", "de", "som", "ikke", "et", "har", "var", "han", "hun", "der",
  "vil", "kan", "fra", "ble", "eller", "men", "om", "etter", "også",
  "skal", "ved", "seg", "være", "sa", "hadde", "nå", "jeg", "vi", "hvor",
  "hvis", "man", "over", "blir", "meg", NULL
};
static const char *const sv[] = {
  "och", "i", "att", "det", "en", "är", "som", "på", "för", "av", "med",
  "den", "till", "inte", "har", "de", "var", "ett", "om", "han", "hon",
  "men", "kan", "ska", "från", "eller", "också", "efter", "vid", "sig",
  "vara", "blev", "när", "sade", "säger", "hade", "jag", "vi", "så",
  "nu", "över", "mot", NULL
};
static const char *const fi[] = {
  "ja", "on", "ei", "se", "että", "oli", "hän", "mutta", "kun", "myös",
  "tai", "ovat", "olla", "joka", "jo", "sen", "niin", "kuin", "ole",
  "mukaan", "vain", "nyt", "tämä", "ne", "jotka", "siitä", "hänen",
  "sitä", "vuonna", "kanssa", "jos", "sekä", "eli", "mitä", "voi",
  "vielä", "jälkeen", "he", NULL
};
static const char *const et[] = {
  "ja", "on", "ei", "et", "see", "oli", "ta", "mis", "kui", "ka", "aga",
  "ning", "oma", "nii", "seda", "siis", "kes", "või", "veel", "mida",
  "ole", "pärast", "tema", "nad", "üle", "selle", "juba", "kuid",
  "ütles", "vaid", "olid", "nagu", NULL
};
static const char *const pl[] = {
  "i", "w", "z", "na", "się", "nie", "do", "to", "że", "jest", "a",
  "od", "po", "jak", "za", "ale", "przez", "dla", "być", "jego",
  "tak", "są", "przy", "już", "lub", "też", "oraz", "który", "która",
  "które", "tym", "ze", "we", "jej", "był", "była", "było", "tego",
  "może", "jednak", "tylko", NULL
};
static const char *const cs[] = {
  "a", "v", "se", "na", "je", "že", "to", "z", "do", "i",
  "jako", "ale", "by", "jsou", "za", "pro", "po", "od", "byl", "bylo",
  "byla", "být", "jeho", "které", "který", "která", "také", "tak", "už",
  "nebo", "při", "jen", "ve", "ze", "jsem", "podle", "však",
  "ještě", "má", NULL
};
static const char *const sk[] = {
  "a", "v", "sa", "na", "je", "že", "to", "z", "do", "i",
  "ako", "ale", "by", "sú", "za", "pre", "po", "od", "bol", "bolo",
  "bola", "byť", "jeho", "ktoré", "ktorý", "ktorá", "tiež", "tak", "už",
  "alebo", "pri", "len", "vo", "zo", "som", "podľa", "však",
  "ešte", "má", NULL
};
/* Croatian, Serbian and Bosnian in Latin script: one list */
static const char *const hr[] = {
  "i", "je", "na", "da", "se", "za", "su", "od", "sa", 
  "a", "ne", "koji", "koja", "koje", "iz", "to", "kao", "ili", "ali",
  "što", "će", "bi", "biti", "do", "po", "smo", "nije", "još", "samo",
  "te", "sam", "bio", "bila", "već", "kako", "prema", "nakon", NULL
};
static const char *const sl[] = {
  "in", "je", "v", "na", "da", "se", "za", "so", "od", "z", 
  "a", "ne", "ki", "ali", "kot", "tudi", "pa", "pri", "po", "bi", "bo",
  "iz", "ter", "še", "bil", "bila", "to", "smo", "sem", "že", "le",
  "lahko", "kar", "ga", "jih", NULL
};
static const char *const hu[] = {
  "a", "az", "és", "hogy", "nem", "is", "egy", "van", "meg", "de", "azt",
  "ez", "el", "már", "mint", "csak", "volt", "még", "ki", "be", "kell",
  "vagy", "fel", "után", "pedig", "lesz", "most", "sem", "szerint",
  "amely", "ami", "aki", "között", "nagy", "ezt", "mert", NULL
};
static const char *const tr[] = {
  "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "daha", "çok",
  "gibi", "en", "ne", "ki", "ama", "var", "olan", "değil", "sonra",
  "kadar", "her", "şey", "ancak", "ise", "ya", "veya", "çünkü", "göre",
  "yeni", "büyük", "ilk", "oldu", "olduğu", "dedi", NULL
};
static const char *const id[] = {
  "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam",
  "tidak", "akan", "pada", "juga", "ke", "ada", "adalah", "oleh",
  "karena", "atau", "mereka", "bisa", "sudah", "telah", "saat", "kata",
  "namun", "bahwa", "para", "lebih", "kami", "kita", "hanya", "tersebut",
  "menjadi", "masih", "seperti", NULL
};
static const char *const ms[] = {
  "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam",
  "tidak", "akan", "pada", "juga", "ke", "ada", "adalah", "oleh",
  "kerana", "atau", "mereka", "boleh", "sudah", "telah", "kata",
  "bahawa", "tetapi", "ialah", "lebih", "kami", "kita", "hanya",
  "tersebut", "menjadi", "masih", "seperti", "iaitu", "daripada", NULL
};
static const char *const tl[] = {
  "ang", "ng", "sa", "na", "at", "mga", "ay", "si", "ni", "para", "kay",
  "hindi", "siya", "may", "ito", "mo", "ko", "ka", "niya", "nila",
  "kung", "pero", "dahil", "nang", "din", "rin", "lang", "ba", "mula",
  "noong", "ayon", "kanyang", "sila", "kami", "tayo", NULL
};
static const char *const lv[] = {
  "un", "ir", "ar", "par", "no", "uz", "ka", "to", "bet", "kā", "arī",
  "lai", "vai", "tas", "tā", "bija", "viņš", "viņa", "kas", "pie", "pēc",
  "tikai", "jau", "nav", "gan", "būt", "ko", "tik", "vēl", "kad", "tad",
  "tomēr", "savu", "viņu", NULL
};
static const char *const lt[] = {
  "ir", "yra", "kad", "su", "iš", "į", "ar", "tai", "bet", "kaip", 
  "jis", "ji", "dėl", "jo", "jos", "už", "buvo", "apie", "nuo", "taip",
  "tik", "jau", "savo", "kurie", "bus", "per", "prie", "po", "kuris",
  "kuri", "nes", "dar", "ne", "ką", NULL
};
static const char *const sw[] = {
  "na", "ya", "wa", "kwa", "za", "la", "katika", "ni", "kuwa", "cha",
  "hiyo", "hii", "hata", "pia", "lakini", "au", "kama", "ili", "sana",
  "huo", "hilo", "yake", "wake", "zaidi", "baada", "kwamba", "alisema",
  "ambao", "ambayo", "vya", NULL
};
static const char *const cy[] = {
  "yr", "a", "ac", "yn", "i", "ar", "ei", "mae", "am", "ond",
  "bod", "gan", "fel", "hefyd", "wedi", "gyda", "ym", "eu", "hyn",
  "roedd", "oedd", "mewn", "dros", "ein", "eich", "nid", "fod", "ydy",
  NULL
};

typedef struct {
  const char *code;
  const char *const *words;
} WordList;

/* indexed by FunctionWordLanguage */
static const WordList lists[FW_N_LANGUAGES] = {
  [FW_EN] = { "en", en }, [FW_DE] = { "de", de }, [FW_NL] = { "nl", nl },
  [FW_AF] = { "af", af }, [FW_FR] = { "fr", fr }, [FW_ES] = { "es", es },
  [FW_PT] = { "pt", pt }, [FW_GL] = { "gl", gl }, [FW_IT] = { "it", it },
  [FW_CA] = { "ca", ca }, [FW_RO] = { "ro", ro }, [FW_DA] = { "da", da },
  [FW_NO] = { "no", no }, [FW_SV] = { "sv", sv }, [FW_FI] = { "fi", fi },
  [FW_ET] = { "et", et }, [FW_PL] = { "pl", pl }, [FW_CS] = { "cs", cs },
  [FW_SK] = { "sk", sk }, [FW_HR] = { "hr", hr }, [FW_SL] = { "sl", sl },
  [FW_HU] = { "hu", hu }, [FW_TR] = { "tr", tr }, [FW_ID] = { "id", id },
  [FW_MS] = { "ms", ms }, [FW_TL] = { "tl", tl }, [FW_LV] = { "lv", lv },
  [FW_LT] = { "lt", lt }, [FW_SW] = { "sw", sw }, [FW_CY] = { "cy", cy },
};

G_STATIC_ASSERT (FW_N_LANGUAGES <= 32);  /* a mask is a guint32 */
G_STATIC_ASSERT (FUNCTION_WORD_MAX_SHARED <= 64);  /* shared_in[] is a guint64 */

static FunctionWords table;

/* Adds @lang to @word's mask; TRUE when the word is new to the table. */
static gboolean
add_word (const char *word, FunctionWordLanguage lang)
{
  gsize len = strlen (word);
  guint64 key;
  guint i;

  /* the lists are written lowercase and short: a slip is a bug here */
  g_assert (len > 0 && len <= FUNCTION_WORD_MAX_LEN);
  key = function_word_key ((const guchar *) word, len, len);
  for (i = function_word_slot (key); table.key[i] != 0; i = (i + 1) & (FUNCTION_WORD_SLOTS - 1))
    if (table.key[i] == key)
      {
        table.mask[i] |= 1u << lang;
        return FALSE;
      }
  table.key[i] = key;
  table.mask[i] = 1u << lang;
  return TRUE;
}

/* Numbers the words of the English list that other lists hold too, and
 * notes each in the lists that hold it. */
static void
number_shared_words (void)
{
  for (guint i = 0; i < FUNCTION_WORD_SLOTS; i++)
    {
      guint32 others = table.mask[i] & ~(1u << FW_EN);

      if (!(table.mask[i] & (1u << FW_EN)) || others == 0)
        continue;
      /* a longer list of shared words needs a larger number */
      g_assert (table.n_shared < FUNCTION_WORD_MAX_SHARED);
      table.shared_id[i] = table.n_shared;
      for (; others != 0; others &= others - 1)
        table.shared_in[__builtin_ctz (others)] |= G_GUINT64_CONSTANT (1) << table.n_shared;
      table.n_shared++;
    }
}

const FunctionWords *
function_words_get (void)
{
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      guint n = 0;

      for (guint lang = 0; lang < FW_N_LANGUAGES; lang++)
        for (const char *const *w = lists[lang].words; *w; w++)
          n += add_word (*w, lang);
      for (const char *const *w = en_wire; *w; w++)
        n += add_word (*w, FW_EN);
      /* at most half full, so that probes stay short (a quarter today) */
      g_assert (n <= FUNCTION_WORD_SLOTS / 2);
      number_shared_words ();
      g_once_init_leave (&built, 1);
    }
  return &table;
}

const char *
function_words_code (FunctionWordLanguage lang)
{
  g_return_val_if_fail (lang < FW_N_LANGUAGES, NULL);
  return lists[lang].code;
}

guint32
function_words_lookup (const char *word, gsize len)
{
  if (len == 0 || len > FUNCTION_WORD_MAX_LEN)
    return 0;
  return function_words_find (function_words_get (),
                              function_word_key ((const guchar *) word, len, len));
}
