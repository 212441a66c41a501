/**
 * TypeScript's `__awaiter` helper as it emits it below ES2017 (shortened to what the rules read: a function of
 * `thisArg`, `_arguments`, `P` and `generator` that runs the generator to a promise). Tests of compiled `async`
 * functions put it at the top of their code; it is 6 lines.
 */
export const TS_AWAITER_HELPER = `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    return new (P || (P = Promise))(function (resolve, reject) {
        function step(result) { result.done ? resolve(result.value) : Promise.resolve(result.value).then((v) => step(generator.next(v)), reject); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};`;
