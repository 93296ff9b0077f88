import { addArticle, expect, selectPhrase, test } from './fixtures';

/** A date `n` days before today in the analyst's calendar, YYYY-MM-DD. */
function daysAgo(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const ARTICLES = [
  {
    title: 'Washington weighs refinery sanctions',
    outlet: 'Wire Alpha',
    date: daysAgo(30),
    text: 'Officials in Washington threatened new sanctions on Indian refiners that buy discounted crude.',
    phrase: 'threatened new sanctions',
    key: '1', // Threat, USA → IND
    swap: false,
  },
  {
    title: 'Delhi lifts almond curbs',
    outlet: 'Blog Delta',
    date: daysAgo(10),
    text: 'New Delhi lifted the curbs on American almonds after a call between the two trade ministers.',
    phrase: 'lifted the curbs on American almonds',
    key: '3', // Concession, IND → USA
    swap: true, // i.e. against the relationship's own order
  },
  {
    title: 'Ministry confirms end of almond curbs',
    outlet: 'Paper Gamma',
    date: daysAgo(8),
    text: 'The ministry in New Delhi confirmed it had lifted the curbs on almonds imported from the United States.',
    phrase: 'confirmed it had lifted the curbs',
    key: '3',
    swap: true, // i.e. against the relationship's own order
  },
];

/*
 * Expected figures today, half-life 30 days (d(age) = 2^(−age/30)):
 *   d(30) = 0.5, d(10) = 0.79370, d(8) = 0.83124
 * Three passages, all ungraded, confidence 1:
 *   threat USA→IND  s = −6          contribution −6 · 0.5 = −3
 *   concession IND→USA (day −10)    5 · 0.79370 = 3.96850
 *   concession IND→USA (day −8)     5 · 0.83124 = 4.15619
 *   R = 5.12469, A = 0.5 + 0.79370 + 0.83124 = 2.12494, M = 2.41168 → 2.41
 * The two concessions grouped as one event (dated day −10, counts once, s = 5):
 *   R = −3 + 3.96850 = 0.96850, A = 1.29370, M = 0.74863 → 0.75
 * Wire Alpha graded B (factor 0.8): the threat's s = −6 · 0.8 = −4.8, contribution −2.4
 *   R = −2.4 + 3.96850 = 1.56850 → 1.57; A = 1.29370 → 1.29; M = 1.21242 → 1.21
 *   M USA→IND = −4.80, M IND→USA = 5.00, asymmetry = −2.4 − 3.96850 = −6.37, index = 10·tanh(0.156850) = 1.56
 */
test('tag three articles, group two reports as one event, grade an outlet, and read the score and its evidence', async ({
  page,
  workbench,
}) => {
  await page.goto(workbench.url);
  for (const a of ARTICLES) {
    await addArticle(page, a);
    await expect(page.getByRole('heading', { name: a.title })).toBeVisible();
    await selectPhrase(page, a.phrase);
    const popover = page.getByRole('dialog', { name: 'Tag passage' });
    await expect(popover).toBeVisible();
    await page.keyboard.press(a.key);
    // Parley proposes the direction from the first actor named in the sentence (New Delhi → IND → USA).
    await expect(popover.getByLabel('Direction')).toHaveText(a.swap ? 'IND → USA' : 'USA → IND');
    await page.keyboard.press('Enter');
    await expect(popover).toHaveCount(0);
  }
  await expect(page.getByTestId('score-m')).toHaveText('2.41');
  await expect(page.getByTestId('score-a')).toHaveText('2.12');

  // The evidence of today. The chart opens on the events' days with a margin (today lies past it), so: End, Enter.
  await page.getByRole('slider', { name: /^Sentiment of United States – India/ }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const evidence = page.getByLabel(/^Evidence on /);
  await expect(evidence.getByRole('heading')).toHaveText(`Evidence on ${daysAgo(0)}`);
  const items = evidence.locator('.evidence-items > li');
  await expect(items).toHaveCount(3);
  await expect(evidence.getByTestId('evidence-contribution')).toHaveText(['4.16', '3.97', '-3.00']); // most weight first

  // Two reports of one event: group them.
  await evidence.getByRole('checkbox', { name: /lifted the curbs on American almonds/ }).check();
  await evidence.getByRole('checkbox', { name: /confirmed it had lifted the curbs/ }).check();
  await evidence.getByRole('button', { name: 'Group as one event (2)' }).click();
  await expect(page.getByRole('status')).toContainText('Grouped as one event');
  await expect(items).toHaveCount(2);
  const event = evidence.locator('.evidence-items > li.is-event');
  await expect(event).toContainText('Event');
  await expect(event).toContainText('“lifted the curbs on American almonds”');
  await expect(event).toContainText('“confirmed it had lifted the curbs”');
  await expect(page.getByTestId('score-m')).toHaveText('0.75');
  await expect(page.getByTestId('score-a')).toHaveText('1.29');

  // Grade the outlet of the threat: B, factor 0.8.
  await page.getByRole('tab', { name: 'Sources' }).click();
  await page.getByLabel('Grade of Wire Alpha').selectOption('B');
  await expect(page.getByRole('row', { name: /Wire Alpha/ }).getByTestId('outlet-factor')).toHaveText('0.80');
  await expect(page.getByTestId('score-m')).toHaveText('1.21');
  await expect(page.getByTestId('score-r')).toHaveText('1.57');
  await expect(page.getByTestId('score-a')).toHaveText('1.29');
  await expect(page.getByTestId('score-m-ab')).toHaveText('-4.80');
  await expect(page.getByTestId('score-m-ba')).toHaveText('5.00');
  await expect(page.getByTestId('score-asymmetry')).toHaveText('-6.37');
  await expect(page.getByTestId('score-index')).toHaveText('1.56');
  await expect(evidence.getByTestId('evidence-contribution')).toHaveText(['3.97', '-2.40']);
  await expect(evidence.locator('.evidence-items > li').last()).toContainText('s -4.80 = w -6 × c 1.00 × r 0.80 (grade B)');

  // Why this score: the contributions add up to the figures shown.
  await evidence.getByRole('button', { name: 'Why this score' }).click();
  const why = page.getByRole('table', { name: `Why this score on ${daysAgo(0)}` });
  await expect(why.getByTestId('why-sum-ab')).toContainText('0.500');
  await expect(why.getByTestId('why-sum-ab')).toContainText('-2.400');
  await expect(why.getByTestId('why-sum-ba')).toContainText('3.969');
  await expect(why.getByTestId('why-total')).toContainText('M = R / A = 1.212');
  await expect(why.getByTestId('why-total')).toContainText('1.569');
  await page.screenshot({ path: '.cache/screens/score-why.png', fullPage: true });

  // A passage of the event opens its article at the passage.
  await event.getByRole('button', { name: /confirmed it had lifted the curbs/ }).click();
  await expect(page.getByRole('heading', { name: 'Ministry confirms end of almond curbs' })).toBeVisible();

  // Several relationships side by side.
  await page.getByRole('button', { name: 'Compare' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare relationships' });
  await expect(compare.getByRole('figure')).toHaveCount(3);
  await expect(compare.getByRole('figure', { name: 'Score of United States – India' }).getByTestId('compare-m')).toHaveText('1.21');
  await page.screenshot({ path: '.cache/screens/score-compare.png' });
  await page.keyboard.press('Escape');
  await expect(compare).toHaveCount(0);

  // Ungrouping counts the two reports apart again (M with the grade: (−2.4 + 3.96850 + 4.15619) / 2.12494 = 2.69).
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await evidence.getByRole('button', { name: /Ungroup these 2 passages/ }).click();
  await expect(page.getByTestId('score-m')).toHaveText('2.69');
  await expect(items).toHaveCount(3);

  // Ctrl+Z puts the event back (one event again, M 1.21); Ctrl+Shift+Z ungroups it again.
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status')).toContainText('Undone: Ungroup an event of 2 passages');
  await expect(page.getByTestId('score-m')).toHaveText('1.21');
  await expect(items).toHaveCount(2);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('status')).toContainText('Redone: Ungroup an event of 2 passages');
  await expect(page.getByTestId('score-m')).toHaveText('2.69');
  await expect(items).toHaveCount(3);
});

test('a threat answered by a threat within the window is marked, and the calendar buckets the tags', async ({ page, workbench }) => {
  await page.goto(workbench.url);
  const tags = [
    {
      title: 'Washington warns Delhi',
      outlet: 'Wire Alpha',
      date: daysAgo(5),
      text: 'Washington warned of tariffs on Indian steel.',
      phrase: 'warned of tariffs',
      swap: false,
    },
    {
      title: 'Delhi warns back',
      outlet: 'Paper Gamma',
      date: daysAgo(2),
      text: 'New Delhi threatened duties on American apples.',
      phrase: 'threatened duties',
      swap: true, // i.e. against the relationship's own order
    },
  ];
  for (const a of tags) {
    await addArticle(page, a);
    await expect(page.getByRole('heading', { name: a.title })).toBeVisible();
    await selectPhrase(page, a.phrase);
    await page.keyboard.press('1');
    // The direction is proposed from the first actor the sentence names.
    await expect(page.getByRole('dialog', { name: 'Tag passage' }).getByLabel('Direction')).toHaveText(a.swap ? 'IND → USA' : 'USA → IND');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Tag passage' })).toHaveCount(0);
  }
  await expect(page.getByTestId('score-m')).toHaveText('-6.00');

  await page.getByRole('tab', { name: 'Marks' }).click();
  const marks = page.getByRole('region', { name: 'Reciprocity and escalation' });
  await expect(marks.getByRole('heading', { name: 'Threats answered by threats (1)' })).toBeVisible();
  await expect(marks.getByRole('listitem').first()).toHaveText(`${daysAgo(5)} USA→IND answered after 3 days by ${daysAgo(2)} IND→USA`);
  await page.screenshot({ path: '.cache/screens/score-marks.png' });
  await marks.getByLabel('Answer window (days)').fill('2');
  await expect(marks.getByRole('heading', { name: 'Threats answered by threats (0)' })).toBeVisible();
  await expect(marks).toContainText('No threat was answered by a threat within 2 days.');

  await page.getByRole('tab', { name: 'Calendar' }).click();
  const calendar = page.getByRole('region', { name: 'Calendar buckets' });
  await calendar.getByRole('radio', { name: 'Weeks' }).click();
  await expect(calendar.getByRole('columnheader', { name: 'Threat', exact: true })).toBeVisible();
  // Every week from the first tag to today is listed, empty ones too; together they hold both threats (Σ s −12).
  const sums = await calendar.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(sums.map(Number).reduce((a, b) => a + b, 0)).toBe(-12);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.screenshot({ path: '.cache/screens/score-flags.png' });
});
