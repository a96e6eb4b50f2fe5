/** robots.txt per RFC 9309: parsing, verdicts with the deciding line, and the fetch policy. */
export { RobotsTxt, blanketVerdict, pathToMatch, type RobotsVerdict, type RuleRef, type GroupRef } from './robots';
export { parseRobots, productToken, decodeRobots, ROBOTS_MAX_BYTES, type ParsedRobots, type RobotsGroup, type RobotsRule } from './parse';
export { normalizePath, compilePattern, matchPattern, type CompiledPattern } from './pattern';
export {
  fetchRobots, policyFromRobots, robotsUrlFor, ROBOTS_MAX_REDIRECTS,
  type RobotsFetcher, type RobotsFetchResponse, type RobotsPolicy, type RobotsSource, type RobotsFetchStatus,
} from './fetchRobots';
