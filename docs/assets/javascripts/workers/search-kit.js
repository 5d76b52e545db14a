/*
 * The site's search worker: Material's own worker (named in the URL, `?material=search.<hash>.min.js`)
 * with the reader's language added to lunr, from the `kit` settings each language's search index carries
 * (data/search/*.yml, written by scripts/sitekit/search.py):
 *
 * - index side: every word is indexed with look-alike letters folded; as written only where folding
 *   merges it with another word of the pages (`written`, found by the build); without its proclitic
 *   (`proclitics`, Arabic); and as its stem (folded) only where the stem does not begin the word (with
 *   suffix rules the build has stemmed the pages' words: `stems`), about one term per word;
 * - query side: every typed word is searched folded (a prefix, as Material does), as typed where the index
 *   holds such words as written, and, with smaller boosts, without its proclitic, as its stem and the stem
 *   of its folded form (also as prefixes: a reader typing on a Russian keyboard gets the folded rules) and
 *   as its synonyms, so each keystroke finds a superset of what the word alone finds and the exact form
 *   ranks first;
 * - a typed word that matched only through its other forms counts as found (Material would list it as
 *   missing), and a word matched by several of its forms is highlighted once.
 *
 * The folding and suffix-rule stemmer are the same algorithm as scripts/sitekit/stemmer.py (a test runs
 * both on every word of the site). Under Node (the tests) the file exports the pure functions.
 * data/search/README.md documents the rules and the settings.
 */
(function () {
  "use strict";

  var own = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  var patterns = new Map();  /* letter map → a regular expression matching any of its letters */

  function pattern(map) {
    var re = patterns.get(map);
    if (re === undefined) {
      var keys = Object.keys(map).map(function (k) { return k.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"); });
      re = keys.length ? new RegExp(keys.join("|"), "gu") : null;
      patterns.set(map, re);
    }
    return re;
  }

  function fold(word, foldMap, lookalikes) {
    var re;
    if (lookalikes && (re = pattern(lookalikes)) && /[^\x00-\x7f]/.test(word))
      word = word.replace(re, function (c) { return lookalikes[c]; });
    if (foldMap && (re = pattern(foldMap))) word = word.replace(re, function (c) { return foldMap[c]; });
    return word;
  }

  function unique(list) {
    var seen = [];
    list.forEach(function (x) { if (seen.indexOf(x) < 0) seen.push(x); });
    return seen;
  }

  function length(s) { return Array.from(s).length; }

  /* The rules of a `rules:` mapping; with `folded`, the rules for folded words (stemmer.py: rules_from). */
  function rulesFrom(data, foldMap, folded) {
    var g = function (s) { return fold(s, foldMap, null); };
    var f = folded ? g : function (s) { return s; };
    var exceptionsIn = data.exceptions || {}, keepIn = data.keep || [], oneLetter = [];
    data.classes.forEach(function (cls) {
      cls.suffixes.forEach(function (s) { if (length(s) === 1) oneLetter.push(s); });
    });
    var classes = data.classes.map(function (cls) {
      var seen = [];
      cls.suffixes.forEach(function (suffix) {
        /* a one-letter ending that folds into another one (ң → н) is ambiguous */
        if (folded && length(suffix) === 1 && f(suffix) !== suffix && oneLetter.indexOf(f(suffix)) >= 0) return;
        if (seen.indexOf(f(suffix)) < 0) seen.push(f(suffix));
      });
      var after = {};
      Object.keys(cls.only_after || {}).forEach(function (suffix) {
        if (!Object.prototype.hasOwnProperty.call(after, f(suffix)))
          after[f(suffix)] = unique(cls.only_after[suffix].map(f));
      });
      var sorted = seen.map(function (s, i) { return [s, i]; }).sort(function (a, b) {
        return length(b[0]) - length(a[0]) || a[1] - b[1];
      }).map(function (p) { return p[0]; });
      return {name: cls.name, minRoot: cls.min_root === undefined ? 2 : cls.min_root, suffixes: sorted, onlyAfter: after};
    });
    var alternation = {}, exceptions = {}, keep = {};
    Object.keys(data.alternation || {}).forEach(function (k) {
      if (f(k) !== f(data.alternation[k])) alternation[f(k)] = f(data.alternation[k]);
    });
    Object.keys(exceptionsIn).forEach(function (k) { exceptions[g(k)] = f(exceptionsIn[k]); });
    Object.keys(exceptionsIn).forEach(function (k) { exceptions[f(k)] = f(exceptionsIn[k]); });
    keepIn.forEach(function (w) { keep[f(w)] = true; keep[g(w)] = true; });
    return {
      vowels: unique(Array.from(f(data.vowels))).join(""),
      back: folded ? "" : (data.back || ""),
      front: folded ? "" : (data.front || ""),
      alternation: alternation, exceptions: exceptions, keep: keep, classes: classes,
    };
  }

  function has(set, c) { return c !== undefined && set.indexOf(c) >= 0; }

  function harmonious(root, suffix, rules) {
    var kind, last, i, chars = Array.from(suffix), rootChars = Array.from(root);
    for (i = 0; i < chars.length && kind === undefined; i++)
      if (has(rules.back, chars[i]) || has(rules.front, chars[i])) kind = chars[i];
    for (i = rootChars.length - 1; i >= 0 && last === undefined; i--)
      if (has(rules.vowels, rootChars[i])) last = rootChars[i];
    if (kind === undefined || last === undefined) return true;
    if (has(rules.back, last)) return has(rules.back, kind);
    if (has(rules.front, last)) return has(rules.front, kind);
    return true;
  }

  /* Strip at most one suffix of each class, outermost class first (stemmer.py: stem). */
  function stem(word, rules) {
    if (own(rules.exceptions, word)) return rules.exceptions[word];
    if (own(rules.keep, word)) return word;
    for (var c = 0; c < rules.classes.length; c++) {
      var cls = rules.classes[c];
      for (var s = 0; s < cls.suffixes.length; s++) {
        var suffix = cls.suffixes[s];
        if (!word.endsWith(suffix) || length(word) - length(suffix) < cls.minRoot) continue;
        var root = word.slice(0, word.length - suffix.length), chars = Array.from(root);
        if (!chars.some(function (ch) { return has(rules.vowels, ch); })) continue;
        var after = own(cls.onlyAfter, suffix) ? cls.onlyAfter[suffix] : null;
        if (after && after.length && !after.some(function (end) { return root.endsWith(end); })) continue;
        if (!harmonious(root, suffix, rules)) continue;
        var last = chars[chars.length - 1];
        if (has(rules.vowels, Array.from(suffix)[0]) && own(rules.alternation, last))
          root = chars.slice(0, -1).join("") + rules.alternation[last];
        word = root;
        break;
      }
      if (own(rules.exceptions, word)) return rules.exceptions[word];
      if (own(rules.keep, word)) return word;
    }
    return word;
  }

  /* What one language's search does to a word; `lunr` is needed for `stemmer: lunr` only. */
  function analyzer(settings, lunr) {
    var foldMap = settings.fold || {}, lookalikes = settings.lookalikes || {};
    var plain = null, folded = null, lunrStem = null;
    if (settings.stemmer === "rules" && settings.rules) {
      plain = rulesFrom(settings.rules, foldMap, false);
      folded = rulesFrom(settings.rules, foldMap, true);
    } else if (settings.stemmer === "lunr" && lunr) {
      var code = (settings.lunr && settings.lunr.lang || ["en"])[0];
      var fn = code === "en" ? lunr.stemmer : (lunr[code] && lunr[code].stemmer);
      if (typeof fn === "function") lunrStem = function (w) {
        var out = fn(new lunr.Token(w, {}));
        return out === undefined || out === null ? w : String(out) || w;
      };
    }
    var f = function (w) { return fold(w, foldMap, lookalikes); };
    /* a folded word without its proclitic (Arabic وال, بال, لل, و …), at most one, leaving three letters */
    var proclitics = (settings.proclitics || []).map(function (p) { return f(p); }).sort(function (x, y) {
      return length(y) - length(x);
    });
    var bare = function (fw) {
      for (var i = 0; i < proclitics.length; i++)
        if (fw.startsWith(proclitics[i]) && length(fw) - length(proclitics[i]) >= 3) return fw.slice(proclitics[i].length);
      return fw;
    };
    var stems = function (w) {
      var fw = f(w);
      if (plain) return [f(stem(w, plain)), stem(fw, folded)];
      if (lunrStem) return [f(lunrStem(w)), lunrStem(fw)];
      return [fw, fw];
    };
    /* words of this language's pages kept as written too: folding merges them with another word (таң, тан) */
    var written = settings.written || [], writtenSet = new Set(written);
    /* with suffix rules the build has stemmed the pages' words already: the stems the index needs */
    var built = plain && settings.stems ? settings.stems : null;
    var synonyms = (settings.synonyms || []).map(function (group) { return unique(group.map(f)); });
    var cache = new Map();
    return {
      fold: f,
      bare: bare,
      stems: stems,
      /* The index terms of a word: folded; as written where folding merges it with another word of the
         language's pages; its stem (folded) unless that begins the folded word, where every query that
         searches the stem (always a prefix) finds the word already. With suffix rules the stem comes from
         `stems`, which the build wrote for the pages' words (a word it did not see is indexed folded). */
      indexForms: function (w) {
        var hit = cache.get(w);
        if (hit === undefined) {
          var fw = f(w) || w, st = built ? (own(built, w) ? built[w] : fw) : plain ? f(stem(w, plain)) : lunrStem ? f(lunrStem(w)) : fw;
          var bw = bare(fw);
          hit = writtenSet.has(w) && w !== fw ? [w, fw] : [fw];
          if (bw !== fw) hit.push(bw);
          if (st && !fw.startsWith(st) && !bw.startsWith(st)) hit.push(st);
          cache.set(w, hit);
        }
        return hit;
      },
      /* The terms a typed word is searched as, [term, kind] pairs, the kinds exact > stem > synonym: first
         the word folded (the index holds words folded), then as typed where that is how the index also
         holds a word (`written`), its stems, its synonyms. */
      queryForms: function (w, prefix) {
        var forms = new Map(), fw = f(w) || w, st = stems(w);
        var put = function (t, kind) { if (t && !forms.has(t)) forms.set(t, kind); };
        put(fw, "exact");
        if (w !== fw && written.some(function (x) { return prefix ? x.startsWith(w) : x === w; })) put(w, "exact");
        put(bare(fw), "stem");
        st.forEach(function (t) { put(t, "stem"); });
        var typed = unique([fw].concat(st));
        synonyms.forEach(function (group) {
          var match = group.some(function (name) {
            return typed.some(function (t) {
              return length(t) >= 3 && (name.startsWith(t) && length(t) >= 4 || t.startsWith(name));
            });
          });
          if (match) group.forEach(function (name) { put(name, "synonym"); });
        });
        return Array.from(forms.entries());
      },
    };
  }

  var kit = {fold: fold, rulesFrom: rulesFrom, stem: stem, analyzer: analyzer};

  if (typeof module === "object" && module.exports) {
    module.exports = kit;
    return;
  }
  if (typeof importScripts !== "function") return;

  /* ---- in the search worker ---- */
  var settings = null, current = null;
  addEventListener("message", function (event) {  /* before Material's own listener: see the settings first */
    var message = event.data;
    if (message && message.type === 0 && message.data && message.data.config) {
      settings = message.data.config.kit || null;
      current = null;
    }
  });
  var material = new URLSearchParams(self.location.search).get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("search-kit: no Material search worker named");
  importScripts(material);
  var lunr = self.lunr;

  function active() {
    if (!current && settings) current = analyzer(settings, lunr);
    return current;
  }

  function forms(token) {
    var a = active();
    if (!a) return token;
    var word = token.toString(), all = a.indexForms(word);
    if (all.length === 1) return all[0] === word ? token : token.update(function () { return all[0]; });
    return all.map(function (form) {
      return token.clone(function () { return form; });
    });
  }
  lunr.Pipeline.registerFunction(forms, "searchKitForms");

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (!this.searchKit) {
      this.searchKit = true;
      if (active()) this.pipeline.add(forms);
    }
    return add.call(this, doc, attributes);
  };

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (fn) {
    var a = active();
    if (!a) return query.call(this, fn);
    var boosts = settings.clauses || {}, typed = [];
    var results = query.call(this, function (q) {
      fn.call(q, q);
      q.clauses.slice().forEach(function (clause) {
        if (clause.presence !== lunr.Query.presence.OPTIONAL || clause.editDistance) return;
        var trailing = clause.term.endsWith("*") || !!(clause.wildcard & lunr.Query.wildcard.TRAILING);
        var bare = clause.term.replace(/\*$/, "");
        if (!bare || bare.indexOf("*") >= 0) return;
        var base = clause.boost || 1, all = a.queryForms(bare, trailing), others = all.slice(1);
        clause.term = clause.term.replace(bare, all[0][0]);  /* the typed word, folded */
        clause.boost = base * (boosts.exact || 1);
        others.forEach(function (pair) {
          q.clause({
            term: pair[0], fields: clause.fields, boost: base * (boosts[pair[1]] || 1), usePipeline: false,
            presence: lunr.Query.presence.OPTIONAL,
            wildcard: trailing ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          });
        });
        typed.push({term: bare, others: all.map(function (pair) { return pair[0]; })});
      });
    });
    results.forEach(function (result) {
      var metadata = result.matchData.metadata, keys = Object.keys(metadata), seen = {};
      /* a word's forms share its position: mark it once (Material would nest a <mark> per form) */
      keys.forEach(function (term) {
        Object.keys(metadata[term]).forEach(function (field) {
          var entry = metadata[term][field], positions = entry && entry.position;
          if (!Array.isArray(positions)) return;
          var done = seen[field] || (seen[field] = new Set());
          entry.position = positions.filter(function (pos) {
            if (done.has(pos)) return false;
            done.add(pos);
            return true;
          });
        });
      });
      typed.forEach(function (word) {
        var starts = function (prefix) { return keys.some(function (k) { return k.startsWith(prefix); }); };
        if (!starts(word.term) && word.others.some(starts)) metadata[word.term] = metadata[word.term] || {};
      });
    });
    return results;
  };
})();
