import type { APIRoute } from 'astro';
import { handleQuizCheck } from '../../../lessons/quiz-endpoint.ts';
import { quizOf } from '../../../lessons/site-content.ts';

/** Checks one quiz answer on the server (src/lessons/quiz-endpoint.ts); the key never reaches the page. */
export const prerender = false;

export const POST: APIRoute = ({ request }) => handleQuizCheck(request, { quizOf });
