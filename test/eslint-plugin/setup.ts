import * as mocha from 'mocha';
import { RuleTester } from '@typescript-eslint/rule-tester';

// mocha has no global `afterAll`; the rule tester needs one to clean up typed programs.
RuleTester.afterAll = mocha.after;
