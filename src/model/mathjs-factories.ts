/**
 * The mathjs factories the compiler needs, as [file under mathjs's lib/cjs without .js, factory
 * export]. Requiring these files one by one loads ~100 modules, where any of mathjs's own
 * dependency sets (entry/dependenciesAny) requires factoriesAny.js and with it all ~740 modules
 * of the library (~300 ms CPU before anything runs, ~500 ms under tsx).
 * test/model/mathjs-factories.test.ts recomputes both lists from mathjs's factory metadata, so a
 * mathjs upgrade that changes them fails a test instead of slowing or breaking the compiler.
 */

/** The functions the compiler calls. */
export const COMPILER_FUNCTIONS = ["parse", "unit", "createUnit"] as const;

/**
 * Functions the Unit class depends on but that compiling does not need in general: mathjs's
 * typed `pow`, `fix` and `round` take ~150 ms CPU to build (matrix signatures), and Unit calls
 * only `pow`, on plain numbers, while parsing a unit (mathjs-instance.ts stands in for them).
 */
export const DEFERRED_FUNCTIONS = ["pow", "fix", "round"] as const;

/** The dependency closure of COMPILER_FUNCTIONS, stopping at DEFERRED_FUNCTIONS. */
export const COMPILER_FACTORIES: ReadonlyArray<readonly [file: string, factory: string]> = [
  ["core/function/typed", "createTyped"],
  ["expression/node/AccessorNode", "createAccessorNode"],
  ["expression/node/ArrayNode", "createArrayNode"],
  ["expression/node/AssignmentNode", "createAssignmentNode"],
  ["expression/node/BlockNode", "createBlockNode"],
  ["expression/node/ConditionalNode", "createConditionalNode"],
  ["expression/node/ConstantNode", "createConstantNode"],
  ["expression/node/FunctionAssignmentNode", "createFunctionAssignmentNode"],
  ["expression/node/FunctionNode", "createFunctionNode"],
  ["expression/node/IndexNode", "createIndexNode"],
  ["expression/node/Node", "createNode"],
  ["expression/node/ObjectNode", "createObjectNode"],
  ["expression/node/OperatorNode", "createOperatorNode"],
  ["expression/node/ParenthesisNode", "createParenthesisNode"],
  ["expression/node/RangeNode", "createRangeNode"],
  ["expression/node/RelationalNode", "createRelationalNode"],
  ["expression/node/SymbolNode", "createSymbolNode"],
  ["expression/parse", "createParse"],
  ["function/arithmetic/abs", "createAbs"],
  ["function/arithmetic/add", "createAdd"],
  ["function/arithmetic/addScalar", "createAddScalar"],
  ["function/arithmetic/divideScalar", "createDivideScalar"],
  ["function/arithmetic/multiplyScalar", "createMultiplyScalar"],
  ["function/arithmetic/subtractScalar", "createSubtractScalar"],
  ["function/matrix/concat", "createConcat"],
  ["function/matrix/size", "createSize"],
  ["function/matrix/subset", "createSubset"],
  ["function/matrix/zeros", "createZeros"],
  ["function/relational/equal", "createEqual"],
  ["function/relational/equalScalar", "createEqualScalar"],
  ["function/string/format", "createFormat"],
  ["function/utils/isBounded", "createIsBounded"],
  ["function/utils/isInteger", "createIsInteger"],
  ["function/utils/isNumeric", "createIsNumeric"],
  ["function/utils/numeric", "createNumeric"],
  ["type/bignumber/BigNumber", "createBigNumberClass"],
  ["type/bignumber/function/bignumber", "createBignumber"],
  ["type/complex/Complex", "createComplexClass"],
  ["type/fraction/Fraction", "createFractionClass"],
  ["type/fraction/function/fraction", "createFraction"],
  ["type/matrix/DenseMatrix", "createDenseMatrixClass"],
  ["type/matrix/Matrix", "createMatrixClass"],
  ["type/matrix/SparseMatrix", "createSparseMatrixClass"],
  ["type/matrix/function/matrix", "createMatrix"],
  ["type/number", "createNumber"],
  ["type/resultset/ResultSet", "createResultSet"],
  ["type/unit/Unit", "createUnitClass"],
  ["type/unit/function/createUnit", "createCreateUnit"],
  ["type/unit/function/unit", "createUnitFunction"],
];

/** What DEFERRED_FUNCTIONS need beyond COMPILER_FACTORIES (loaded on their first real use). */
export const DEFERRED_FACTORIES: ReadonlyArray<readonly [file: string, factory: string]> = [
  ["function/arithmetic/ceil", "createCeil"],
  ["function/arithmetic/fix", "createFix"],
  ["function/arithmetic/floor", "createFloor"],
  ["function/arithmetic/multiply", "createMultiply"],
  ["function/arithmetic/pow", "createPow"],
  ["function/arithmetic/round", "createRound"],
  ["function/arithmetic/unaryMinus", "createUnaryMinus"],
  ["function/complex/conj", "createConj"],
  ["function/matrix/det", "createDet"],
  ["function/matrix/dot", "createDot"],
  ["function/matrix/identity", "createIdentity"],
  ["function/matrix/inv", "createInv"],
  ["function/utils/isZero", "createIsZero"],
];
