/**
 * The slide deck of an experiment (issue 11 §3), pure: content as data and
 * pictures as 1920 × 1080 SVG. src/io/slides.ts renders the PNGs and writes
 * slides.pptx.
 */
export { experimentDeck, deckImages, deckPictures, pictureName, type Deck, type DeckPicture, type SlideContent, type SlidePicture } from './deck.js';
export { slideCard, type SlideCard, type SlideCardChild } from './card.js';
export { SLIDE_IMAGE, SLIDE_FONT, MIN_SLIDE_FONT, smallestFont, type SlideSvg } from './projector.js';
export { slideMessages } from './texts.js';
