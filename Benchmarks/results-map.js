// The filtered view's map (Templates/assets/dossier.js, `separateMarkers`): how long keeping
// thousands of places' markers apart takes, on synthetic places in countries that are regions
// of the plane (as real ones are), and that no markers overlap after it. Median of 5 runs.
//
//   node Benchmarks/results-map.js [path/to/dossier.js]
const fs = require("fs");
const source = fs.readFileSync(process.argv[2] || __dirname + "/../Templates/assets/dossier.js", "utf8");
const from = source.indexOf("  function separateMarkers"), to = source.indexOf("\n  }\n", from) + 4;
const separateMarkers = new Function(source.slice(from, to) + "\nreturn separateMarkers;")();
const radius = (group) => Math.max(9, 6 + 2.4 * String(group.events.length).length);

function places(count, countries, width, seed) {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const centres = Array.from({ length: countries }, () => [random() * width, random() * width * 0.66]);
  return Array.from({ length: count }, (_, index) => {
    const x = random() * width, y = random() * width * 0.66;
    let country = 0, nearest = Infinity;
    centres.forEach(([cx, cy], k) => { const d = Math.hypot(cx - x, cy - y); if (d < nearest) { nearest = d; country = k; } });
    return { places: [index], events: [index], country, x, y };
  });
}

function overlapping(groups) {
  let count = 0;
  groups.forEach((a, i) => groups.slice(i + 1).forEach((b) => { if (Math.hypot(a.x - b.x, a.y - b.y) < radius(a) + radius(b) + 3 - 0.01) count++; }));
  return count;
}

console.log("places  countries  markers  overlaps  median ms");
for (const [count, countries] of [[3000, 6], [3000, 40], [20000, 6], [50000, 40], [50000, 200]]) {
  const times = [];
  let result;
  for (let run = 0; run < 5; run++) {
    const input = places(count, countries, 900, 7 + run);
    const start = process.hrtime.bigint();
    result = separateMarkers(input, radius);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log([count, countries, result.length, overlapping(result), times[2].toFixed(1)].map(String).map((s) => s.padStart(8)).join("  "));
}
