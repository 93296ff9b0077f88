/**
 * Sentence analysis for Parley (pure; runs in main, renderer and bench):
 * sentence and clause segmentation and the direction proposal of the tag
 * popover and of assisted coding. See docs/direction.md.
 */
export { sentenceSpans, sentenceAt, sentencesAround, clauseSpans, isHeadline } from './segment';
export {
  proposeDirection,
  type DirectionReading,
  type DirectionBasis,
  type NamedActor,
  type AliasedActor,
  type Mention,
} from './direction';
export { analyse, type Token, type Span, type Analysed } from './tokens';
