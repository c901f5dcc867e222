# writes N annotated documents as JSONL: a sentence pattern filled from
# small lists, each name's offsets computed as it is appended
function add(s, type) {
  if (type != "") {
    if (ents != "") ents = ents ","
    ents = ents sprintf("{\"start\":%d,\"end\":%d,\"type\":\"%s\"}", length(text), length(text) + length(s), type)
  }
  text = text s
}
BEGIN {
  split("Maria Tomas Amina Jonas Lena Pavel Ines Omar Greta Felix", first, " ")
  split("Okafor Lindqvist Brandt Moreau Havel Sato Quinn Adeyemi Novak Castell", last, " ")
  split("Northwind Harbourline Veltro Kestrel Brightwater Corvane Pellmark Strand", org, " ")
  split("Lisbon Ottawa Nairobi Tallinn Quito Hanoi Perth Bergen", city, " ")
  for (k = 0; k < n; k++) {
    f = first[k % 10 + 1]; l = last[(k * 3) % 10 + 1]; o = org[(k * 5) % 8 + 1]; c = city[(k * 7) % 8 + 1]
    text = ""; ents = ""
    add(f " " l, "PERSON"); add(" joined ", ""); add(o, "ORG"); add(" in ", ""); add(c, "GPE")
    add(" on Monday. ", ""); add(l, "PERSON"); add(" said ", ""); add(o, "ORG")
    add(" would open an office in ", ""); add(city[(k + 3) % 8 + 1], "GPE"); add(".", "")
    printf "{\"id\":\"%s-%d\",\"text\":\"%s\",\"entities\":[%s]}\n", prefix, k + 1, text, ents
  }
}
