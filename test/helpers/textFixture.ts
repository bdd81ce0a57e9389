// A small table of short English texts on five topics (12 each), for the text-embedding tests: the
// nearest rows of a query about one topic should come from that topic.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEXT_TOPICS = ['animal', 'food', 'weather', 'vehicle', 'music'] as const;

const BY_TOPIC: Record<(typeof TEXT_TOPICS)[number], string[]> = {
  animal: [
    'the cat sleeps on the warm windowsill',
    'a dog barks at the mail carrier',
    'the horse gallops across the field',
    'a small bird sings in the tree',
    'the cow grazes in the green pasture',
    'a lion hunts on the savanna',
    'the rabbit hides in its burrow',
    'an elephant sprays water with its trunk',
    'the kitten chases a ball of yarn',
    'a wolf howls at the moon',
    'the fish swims around the coral reef',
    'a squirrel gathers nuts for the winter',
  ],
  food: [
    'fresh bread baked this morning',
    'a bowl of hot tomato soup',
    'spaghetti with garlic and olive oil',
    'a slice of chocolate cake',
    'grilled chicken with rice',
    'a crisp green salad with lemon dressing',
    'pancakes with maple syrup for breakfast',
    'a cheese pizza fresh from the oven',
    'ripe strawberries and cream',
    'a spicy curry with lentils',
    'roast potatoes with rosemary',
    'a sandwich of ham and mustard',
  ],
  weather: [
    'heavy rain is expected this afternoon',
    'a thunderstorm rolled over the hills',
    'the forecast says snow tomorrow',
    'a sunny day with a light breeze',
    'thick fog covered the valley at dawn',
    'strong winds knocked down the fence',
    'the temperature dropped below freezing',
    'a hot and humid summer day',
    'clouds gathered before the storm',
    'hail fell for ten minutes',
    'a rainbow appeared after the shower',
    'the drought lasted all summer',
  ],
  vehicle: [
    'the train leaves the station at noon',
    'a red car parked on the street',
    'the bus was late again today',
    'a truck carries logs down the highway',
    'the airplane landed on the runway',
    'he rides his bicycle to work',
    'a motorcycle roared past the cafe',
    'the ship sailed into the harbour',
    'she bought a new electric car',
    'the subway is crowded at rush hour',
    'a taxi waited outside the hotel',
    'the tractor ploughs the muddy field',
  ],
  music: [
    'she plays the piano every evening',
    'the orchestra performed a symphony',
    'a guitar solo in a rock song',
    'the choir sang a hymn',
    'he practises the violin for hours',
    'a jazz band played in the club',
    'the drummer kept a steady beat',
    'they listened to an album of folk songs',
    'a melody on the flute',
    'the singer hit the high note',
    'an opera in three acts',
    'the band released a new single',
  ],
};

/** The 60 texts, topic by topic, and each one's topic. */
export const FIXTURE_TEXTS: { text: string; topic: string }[] = TEXT_TOPICS.flatMap((topic) =>
  BY_TOPIC[topic].map((text) => ({ text, topic })),
);

/** Writes the fixture as `texts.txt` (one a line) and `texts.tsv` (id, topic, text) in `dir`. */
export function writeTextFixture(dir: string): { txt: string; tsv: string } {
  const txt = join(dir, 'texts.txt');
  const tsv = join(dir, 'texts.tsv');
  writeFileSync(txt, FIXTURE_TEXTS.map((r) => r.text).join('\n') + '\n');
  writeFileSync(
    tsv,
    ['id\ttopic\ttext', ...FIXTURE_TEXTS.map((r, i) => `${i}\t${r.topic}\t${r.text}`)].join('\n') + '\n',
  );
  return { txt, tsv };
}
