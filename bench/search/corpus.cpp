#include "corpus.h"

#include <cmath>
#include <sstream>

#include "domain/taxonomy.h"

namespace gezondin::bench {

namespace {

// Function words first (most frequent), then domain vocabulary; sampled with a Zipf-like law.
constexpr const char* vocabulary_text =
    "de het een en van in op met voor is zijn dat die te aan er niet om ook als bij of door over naar "
    "uit nog wel meer dan maar worden wordt kan kunnen hun hebben heeft deze dit we wij zij ze je u "
    "samen goed nieuwe veel andere eigen elke hoe waar wat wie welke tussen onder tegen zonder "
    "gezondheid gezond gezonde wijk buurt inwoners bewoners mensen kinderen jongeren ouderen gezinnen "
    "armoede schulden werk wonen woning eenzaamheid bewegen sport voeding overgewicht roken alcohol "
    "preventie zorg huisarts welzijn sociaal sociale domein beleid aanpak plan project programma "
    "samenwerking partners netwerk organisaties vrijwilligers professionals wijkverpleegkundige "
    "school scholen onderwijs leerlingen ouders opvoeding jeugd jeugdhulp kansrijke start "
    "groen openbare ruimte speeltuin park fietspad wandelroute moestuin ontmoeting buurthuis "
    "activiteiten bijeenkomst gesprek training cursus workshop methode instrument monitor "
    "onderzoek resultaten effect evaluatie meting cijfers data indicatoren doelen ambities "
    "gemeentebestuur wethouder raad college regio regionale landelijke lokale provincie "
    "middelen geld subsidie budget financiering kosten baten investering structureel tijdelijk "
    "toegankelijk betaalbaar laagdrempelig kwetsbare groepen achterstand achterstanden kansen "
    "gelijkheid ongelijkheid verschillen leefstijl leefomgeving mentale weerbaarheid stress "
    "participatie meedoen betrokkenheid eigenaarschap vertrouwen signalering verwijzing "
    "loket spreekuur hulp ondersteuning begeleiding coaching advies informatie voorlichting "
    "taal laaggeletterdheid digitale vaardigheden statushouders nieuwkomers mantelzorgers "
    "energie energiearmoede isolatie schimmel vocht lawaai luchtkwaliteit hitte klimaat "
    "veiligheid verkeer sportvereniging sportaanbod beweegaanbod zwemmen lopen fitness "
    "huiswerk ontbijt lunch water fruit groente suiker zout vet vezels maaltijd koken";

struct Rng {
    std::uint64_t state;
    std::uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

const std::vector<std::string>& vocabulary() {
    static const std::vector<std::string> words = [] {
        std::vector<std::string> v;
        std::istringstream in(vocabulary_text);
        for (std::string w; in >> w;) v.push_back(w);
        // Dutch writes compounds as one word (wijkaanpak, armoedebeleid): add them so that the
        // vocabulary, like real text, has thousands of rarer words after the common ones.
        const std::size_t base = v.size(), first_content = 60;
        for (std::size_t i = first_content; i < base; ++i)
            for (std::size_t j = first_content; j < base; j += 3)
                if (i != j) v.push_back(v[i] + v[j]);
        return v;
    }();
    return words;
}

// Cumulative Zipf weights (s = 1.0) over the vocabulary.
const std::vector<double>& zipf_cdf() {
    static const std::vector<double> cdf = [] {
        std::vector<double> c;
        double sum = 0;
        for (std::size_t i = 0; i < vocabulary().size(); ++i) c.push_back(sum += 1.0 / (i + 1.0));
        for (auto& x : c) x /= sum;
        return c;
    }();
    return cdf;
}

const std::string& zipf_word(Rng& rng) {
    const auto& cdf = zipf_cdf();
    auto it = std::lower_bound(cdf.begin(), cdf.end(), rng.uniform());
    return vocabulary()[std::min<std::size_t>(static_cast<std::size_t>(it - cdf.begin()), cdf.size() - 1)];
}

std::string sentence(Rng& rng, std::size_t words) {
    std::string s;
    for (std::size_t i = 0; i < words; ++i) {
        if (i) s += ' ';
        s += zipf_word(rng);
    }
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s + ". ";
}

std::string text(Rng& rng, std::size_t words) {
    std::string out;
    for (std::size_t n = 0; n < words;) {
        std::size_t len = 6 + rng.below(10);
        out += sentence(rng, len);
        n += len;
    }
    return out;
}

}  // namespace

const std::vector<Concept>& concepts() {
    static const std::vector<Concept> all = {
        {"gemeente", {"gemeente", "gemeenten"}},
        {"fiets", {"fiets", "fietsen"}},
        {"gezondheidsverschil", {"gezondheidsverschil", "gezondheidsverschillen"}},
        {"wijkteam", {"wijkteam", "wijkteams"}},
        {"geïnspireerd", {"geïnspireerd", "geinspireerd"}},
        {"GALA", {"GALA", "Gezond en Actief Leven Akkoord"}, true},
        {"IZA", {"IZA", "Integraal Zorgakkoord"}, true},
        {"Wmo", {"Wmo", "Wet maatschappelijke ondersteuning"}, true},
        {"GLI", {"GLI", "gecombineerde leefstijlinterventie"}, true},
    };
    return all;
}

GeneratedItem generate_item(std::int64_t n) {
    Rng rng{0x9E3779B97F4A7C15ULL ^ (static_cast<std::uint64_t>(n) * 0xBF58476D1CE4E5B9ULL)};
    for (int i = 0; i < 4; ++i) rng.next();
    GeneratedItem g;
    auto& item = g.indexed.item;
    item.id = n;
    item.external_id = "synth-" + std::to_string(n);
    item.type = static_cast<domain::ItemType>(rng.below(7));
    item.level = static_cast<domain::Level>(rng.below(3));
    item.title = sentence(rng, 4 + rng.below(5));
    item.title.resize(item.title.size() - 2);
    item.summary = text(rng, 40);
    item.body = text(rng, 400);
    for (const auto& c : concepts()) {
        bool mention = rng.uniform() < 0.05;
        g.mentions.push_back(mention);
        if (mention) item.body += "Over " + c.forms[rng.below(c.forms.size())] + " in de praktijk. ";
    }
    item.date = core::Date{2015 + static_cast<int>(rng.below(11)), 1 + static_cast<int>(rng.below(12)), 1 + static_cast<int>(rng.below(28))};
    static const char* themes[] = {"armoede-en-schulden", "wonen", "eenzaamheid", "mentale-gezondheid", "bewegen-en-sport",
                                   "gezonde-voeding", "jeugd", "ouderen", "kansrijke-start", "integraal-werken"};
    static const char* tracks[] = {"fysieke-omgeving", "gedrag-en-vaardigheden", "participatie", "preventie-en-zorg", "sociale-omgeving"};
    item.themes = {themes[rng.below(10)]};
    if (rng.below(2)) item.themes.push_back(themes[rng.below(10)]);
    if (item.themes.size() == 2 && item.themes[0] == item.themes[1]) item.themes.pop_back();
    item.gala_goals = {1 + static_cast<int>(rng.below(7))};
    item.tracks = {tracks[rng.below(5)]};
    int gm = 1 + static_cast<int>(rng.below(400));
    char code[8];
    std::snprintf(code, sizeof code, "GM%04d", gm);
    item.municipality_code = code;
    g.indexed.province_code = "PV" + std::to_string(20 + gm % 12);
    return g;
}

std::vector<std::string> two_word_queries(int count) {
    Rng rng{12345};
    const auto& v = vocabulary();
    std::vector<std::string> out;
    // Content words and common compounds (ranks 60..1000): from broad to narrow queries.
    const std::size_t first = 60, last = std::min<std::size_t>(v.size(), 1000);
    while (static_cast<int>(out.size()) < count) {
        auto a = v[first + rng.below(last - first)], b = v[first + rng.below(last - first)];
        if (a != b) out.push_back(a + " " + b);
    }
    return out;
}

}  // namespace gezondin::bench
