// Statistics for the dataset overview, the sensor check and run comparison (pure; no I/O).
export { chiSquareSurvival, logGamma, upperRegularizedGamma } from './gamma';
export { totalVariation, wilsonInterval, Z95 } from './intervals';
export {
  gTest,
  holm,
  mcnemar,
  mcnemarChiSquareStatistic,
  mcnemarExact,
  MCNEMAR_EXACT_BELOW,
  type GTestResult,
  type McNemarResult,
} from './tests';
