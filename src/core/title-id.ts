/** An IMDb title id as the datasets write it: "tt" and 7 to 10 digits (tt0068646, tt13391710). */
export const TITLE_ID = /^tt\d{7,10}$/;
